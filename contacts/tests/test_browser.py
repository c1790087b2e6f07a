"""A resident asks a question on the public kern page and follows it, by keyboard only."""

import re

import pytest

from kernen.tests.factories import KcpAssignmentFactory, KernFactory, UserFactory
from kernportal.models import OutboxEmail

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_asks_a_question_and_opens_the_status_link_by_keyboard(page):
    kern = KernFactory(name="Egchel", slug="egchel")
    KcpAssignmentFactory(kern=kern, user=UserFactory(username="anouk", groups=["KCP"]))
    page.goto("/kernen/egchel/")
    page.get_by_role("link", name="Stel uw vraag").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/kernen/egchel/vraag/")
    page.get_by_label("Uw naam").focus()
    page.keyboard.type("Jan Inwoner")
    page.keyboard.press("Tab")
    page.keyboard.type("jan@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("Wie maait het gras bij de speeltuin?")
    page.keyboard.press("Tab")  # the honeypot is out of the tab order
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Vraag versturen"
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name="Bedankt voor uw vraag").wait_for()

    confirmation = OutboxEmail.objects.get(to=["jan@example.org"])
    path = re.search(r"http://\S+?(/vraag/\S+/)", confirmation.body_text).group(1)
    page.goto(path)
    assert page.get_by_role("heading", level=1).inner_text() == "Uw vraag aan de gemeente"
    assert page.get_by_text("Wie maait het gras bij de speeltuin?").is_visible()
    assert page.get_by_text("Ontvangen, de kerncontactpersoon bekijkt uw vraag").is_visible()

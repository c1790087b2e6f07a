"""A resident submits an initiative and follows it, by keyboard only."""

import pytest

from initiatives.models import Initiative
from kernen.tests.factories import KcpAssignmentFactory, KernFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_submits_an_initiative_and_opens_the_tracking_link_by_keyboard(page):
    kern = KernFactory(name="Kessel-Eik", slug="kessel-eik")
    KcpAssignmentFactory(kern=kern, user=UserFactory(first_name="Thijs", last_name="Janssen"))
    page.goto("/initiatieven/indienen/")

    def type_into(label, text):
        field = page.get_by_label(label)
        field.focus()
        page.keyboard.type(text)

    type_into("Naam van uw initiatief", "Moestuin bij de school")
    type_into("Beschrijf uw initiatief", "Kinderen kweken groente met hulp van ouderen.")
    page.get_by_label("Kessel-Eik").focus()
    page.keyboard.press("Space")
    page.get_by_label("Thema").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # Groen en natuur
    type_into("Wat wilt u bereiken?", "Jong en oud samen buiten.")
    page.get_by_label("Geld").focus()
    page.keyboard.press("Space")
    type_into("Gevraagd bedrag van de gemeente in euro", "750,00")
    page.locator("#id_cofinanciering-0-source").focus()
    page.keyboard.type("Oranjefonds")
    page.keyboard.press("Tab")
    page.keyboard.type("1500")
    type_into("Uw naam", "Els Peeters")
    type_into("Uw e-mailadres", "els@voorbeeld.example")
    page.get_by_label("Ik ga akkoord met de privacyverklaring", exact=False).focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Initiatief versturen").focus()
    page.keyboard.press("Enter")

    page.wait_for_url("**/initiatieven/ingediend/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Bedankt")
    assert page.get_by_text("Thijs Janssen").first.is_visible()
    initiative = Initiative.objects.get()
    assert initiative.theme == "nature"
    assert initiative.cofundings.get().source == "Oranjefonds"

    page.get_by_role("link", name="Volg uw initiatief").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/initiatieven/volgen/*/")
    assert Initiative.objects.by_token(page.url.rstrip("/").rsplit("/", 1)[1]).get() == initiative
    assert page.get_by_role("heading", level=1).inner_text() == "Moestuin bij de school"
    assert page.get_by_text("Wat komt er nu?").is_visible()
    assert page.locator("[aria-current=step]").inner_text().startswith("Ontvangen")

"""The KCP's review of a participation request in a real browser, by keyboard only."""

import datetime

from django.utils import timezone

import pytest

from kernen.tests.factories import KcpAssignmentFactory, KernFactory, UserFactory
from roles.models import ParticipationReview

from .factories import ParticipationRequestFactory, approved_on

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_kcp_approves_a_request_over_the_brake_with_an_override_reason_by_keyboard(page):
    kern = KernFactory(name="Panningen", slug="panningen")
    KcpAssignmentFactory(kern=kern, user=UserFactory(username="anouk", groups=["KCP"]))
    start = timezone.localdate() + datetime.timedelta(days=1)
    for _ in range(3):
        approved_on(kern, start)
    request = ParticipationRequestFactory(
        kernen=[kern], subject="Consultatieavond Raadhuisplein", start_date=start
    )
    review = request.reviews.get()

    page.goto(review.get_absolute_url())
    page.get_by_label("Gebruikersnaam").fill("anouk")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{review.get_absolute_url()}")
    assert "al 3 goedgekeurde verzoeken" in page.get_by_role("note").inner_text()

    page.get_by_label("Goedgekeurd").focus()
    page.keyboard.press("Space")
    tab_to(page, "document.activeElement.name === 'reason'")
    page.keyboard.type("Het dorpsoverleg vroeg hier zelf om.")
    tab_to(page, SUBMIT)
    with page.expect_navigation():
        page.keyboard.press("Enter")  # first without an override reason
    assert "Geef een reden om toch goed te keuren." in page.content()

    tab_to(page, "document.activeElement.name === 'override_reason'")
    page.keyboard.type("Wethouder heeft de avond toegezegd.")
    tab_to(page, SUBMIT)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{request.get_absolute_url()}")
    assert "Uw besluit (goedgekeurd) is vastgelegd" in page.get_by_role("status").inner_text()
    review = ParticipationReview.objects.get(pk=review.pk)
    assert review.status == "approved"
    assert review.override_reason == "Wethouder heeft de avond toegezegd."


SUBMIT = "document.activeElement.textContent.trim() === 'Besluit vastleggen'"


def tab_to(page, condition, limit=40):
    """Press Tab until `condition` (JavaScript) holds: proves the control is keyboard-reachable."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(condition):
            return
    raise AssertionError(f"not reachable by Tab: {condition}")


def test_the_heatmap_shades_busier_cells_darker_as_its_legend_says(page):
    kern = KernFactory(name="Panningen", slug="panningen")
    UserFactory(username="ria", groups=["gebiedsregisseur"])
    start = timezone.localdate() + datetime.timedelta(days=1)
    for _ in range(2):
        approved_on(kern, start)
    page.goto("/portaal/participatie/belasting/")
    page.get_by_label("Gebruikersnaam").fill("ria")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord")
    page.keyboard.press("Enter")
    page.wait_for_url("**/portaal/participatie/belasting/")

    def shade(selector):
        return page.locator(selector).first.evaluate("el => getComputedStyle(el).backgroundColor")

    assert shade("td.heat-2") == "rgb(249, 185, 122)"
    assert shade("td.heat-0") == "rgb(255, 255, 255)"
    assert shade("td.heat-2") == shade("span.heat-2")  # the legend matches the cells

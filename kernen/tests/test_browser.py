"""The foundation's flows in a real browser, by keyboard only."""

import pytest

from .factories import KcpAssignmentFactory, KernFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_finds_the_kcp_of_their_kern_by_keyboard(page):
    kern = KernFactory(name="Kessel-Eik", slug="kessel-eik")
    KcpAssignmentFactory(kern=kern, user=UserFactory(first_name="Thijs", last_name="Janssen"))
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Kessel-Eik").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/kernen/kessel-eik/")
    assert page.get_by_role("heading", level=1).inner_text() == "Kessel-Eik"
    assert page.get_by_text("Thijs Janssen").first.is_visible()


def test_a_kcp_logs_in_and_edits_their_kern_by_keyboard(page):
    kern = KernFactory(name="Egchel", slug="egchel")
    KcpAssignmentFactory(kern=kern, user=UserFactory(username="anouk", groups=["KCP"]))
    page.goto(f"/portaal/kernen/{kern.slug}/bewerken/")
    page.get_by_label("Gebruikersnaam").fill("anouk")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/portaal/kernen/{kern.slug}/bewerken/")
    page.get_by_label("Korte beschrijving").fill("Dorpsplan 2030 in de maak.")
    page.get_by_label("Korte beschrijving").press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/portaal/kernen/{kern.slug}/")
    assert page.get_by_role("status").inner_text() == "Kern Egchel is bijgewerkt."
    kern.refresh_from_db()
    assert kern.description == "Dorpsplan 2030 in de maak."


def test_the_end_link_under_a_kcp_card_can_be_clicked(page):
    from kernen.models import KcpAssignment

    kern = KernFactory(name="Egchel", slug="egchel")
    primary = KcpAssignmentFactory(kern=kern, user=UserFactory(first_name="Anouk", last_name="P"))
    KcpAssignmentFactory(
        kern=kern, user=UserFactory(first_name="Bas", last_name="V"),
        role=KcpAssignment.Role.BACKUP,
    )  # fmt: skip
    UserFactory(username="ria", groups=["gebiedsregisseur"])
    page.goto("/portaal/kernen/egchel/")
    page.get_by_label("Gebruikersnaam").fill("ria")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord")
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name="Egchel").wait_for()
    page.get_by_role("link", name="Beëindigen toewijzing Anouk P").click(timeout=3000)
    page.wait_for_url(f"**/kcp/{primary.pk}/beeindigen/")

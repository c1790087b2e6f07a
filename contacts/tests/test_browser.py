"""A resident asks a question on the public kern page and follows it, by keyboard only."""

import re
from urllib.parse import urlsplit

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
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the consent checkbox
    page.keyboard.press("Tab")  # the link to the privacy statement
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


def _log_in(page, path, username):
    page.goto(path)
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path == path)


def test_a_kcp_corrects_a_moment_adds_two_follow_ups_without_reloading_and_removes_one(page):
    from contacts.models import ContactMomentRevision, FollowUp
    from contacts.tests.factories import SOON, ContactMomentFactory, FollowUpFactory

    kern = KernFactory(name="Egchel", slug="egchel")
    kcp = UserFactory(username="anouk", first_name="Anouk", last_name="Peeters", groups=["KCP"])
    KcpAssignmentFactory(kern=kern, user=kcp)
    moment = ContactMomentFactory(kern=kern, summary="Dorpsplan besproken.")
    FollowUpFactory(contact_moment=moment, owner=kcp, description="Zaal boeken")
    _log_in(page, f"/portaal/contactmomenten/{moment.pk}/bewerken/", "anouk")
    page.get_by_label("Samenvatting").fill("Dorpsplan en speeltuin besproken.")
    page.get_by_label("Verwijderen").check()
    add = page.get_by_role("button", name="Nog een vervolgactie (extra rij)")
    url_before = page.url
    add.click()
    add.click()  # one empty row was already there; now three new rows, no reload
    assert page.url == url_before
    rows = page.locator("fieldset.followup-row")
    assert rows.count() == 4
    for index, text in ((1, "Offerte vragen"), (2, "Buren informeren")):
        rows.nth(index).get_by_label("Actie").fill(text)
        rows.nth(index).get_by_label("Wie").select_option(label="Anouk Peeters")
        rows.nth(index).get_by_label("Uiterlijk").fill(SOON.isoformat())
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    page.wait_for_url(f"**/portaal/contactmomenten/{moment.pk}/")
    assert page.get_by_text("Vervolgactie verwijderd: Zaal boeken").is_visible()
    assert page.get_by_text("Vervolgactie toegevoegd: Buren informeren").is_visible()
    assert set(FollowUp.objects.values_list("description", flat=True)) == {
        "Offerte vragen",
        "Buren informeren",
    }
    assert ContactMomentRevision.objects.get().changed_by == kcp


def test_a_question_passes_its_deadline_and_shows_late_then_escalated(page):
    import datetime

    import time_machine

    from contacts.escalation import questions_escalate_late
    from contacts.tests.factories import QuestionFactory

    ams = datetime.timezone(datetime.timedelta(hours=1))
    kern = KernFactory(name="Egchel", slug="egchel")
    kcp = UserFactory(username="anouk", groups=["KCP"])
    KcpAssignmentFactory(kern=kern, user=kcp)
    question = QuestionFactory(
        kern=kern,
        assigned_to=kcp,
        text="Wanneer wordt de stoep gerepareerd?",
        received_at=datetime.datetime(2026, 11, 19, 9, tzinfo=ams),  # deadline 26 November
    )
    path = f"/portaal/vragen/{question.pk}/"
    with time_machine.travel(datetime.datetime(2026, 11, 23, 10, tzinfo=ams)):
        _log_in(page, path, "anouk")
        deadline = page.get_by_text("26 november 2026 – nog 3 werkdagen")
        assert deadline.is_visible()
    with time_machine.travel(datetime.datetime(2026, 11, 30, 10, tzinfo=ams)):
        questions_escalate_late()
        # A week later the idle timeout has ended the session: log in again.
        _log_in(page, path, "anouk")
        assert page.get_by_text("2 werkdagen te laat").first.is_visible()
        assert page.get_by_text("Termijn verstreken, gemeld").is_visible()
        page.goto("/portaal/")
        waiting = page.locator("#wachtende-vragen-kop + ul")
        assert "2 werkdagen te laat" in waiting.inner_text()


def test_a_follow_up_row_asks_for_its_fields_only_once_it_is_used(page):
    kern = KernFactory(name="Egchel", slug="egchel")
    KcpAssignmentFactory(kern=kern, user=UserFactory(username="anouk", groups=["KCP"]))
    _log_in(page, "/portaal/kernen/egchel/contactmoment/", "anouk")
    row = page.locator("fieldset.followup-row").first
    owner = row.get_by_label("Wie")
    assert owner.get_attribute("aria-required") == "false"
    assert row.locator(".field-optional").first.is_visible()
    row.get_by_label("Actie").fill("Offerte vragen")
    assert owner.get_attribute("aria-required") == "true"
    assert not row.locator(".field-optional").first.is_visible()


def test_an_added_follow_up_row_is_numbered_in_the_pages_language(page):
    kern = KernFactory(name="Egchel", slug="egchel")
    KcpAssignmentFactory(kern=kern, user=UserFactory(username="anouk", groups=["KCP"]))
    _log_in(page, "/portaal/kernen/egchel/contactmoment/", "anouk")
    page.locator("footer button[name=language][value=en]").click()
    add = page.get_by_role("button", name="Another follow-up (extra row)")
    url_before = page.url
    add.click()
    assert page.url == url_before  # added by the script, not by the server
    legends = page.locator("fieldset.followup-row legend")
    assert legends.all_inner_texts() == ["Follow-up 1", "Follow-up 2"]


def test_a_kcp_finds_a_person_not_offered_by_keyboard_and_saves_them_on_the_moment(page):
    """The form shows a bounded few contacts; the search box adds another of the kern as a
    ticked checkbox, announced in the live region, and the moment is stored with them."""
    from contacts.models import ContactMoment
    from contacts.participants import PERSONS_SHOWN
    from contacts.tests.factories import PersonFactory
    from kernportal.tests.test_accessibility_browser import serious_violations

    kern = KernFactory(name="Egchel", slug="egchel")
    other = KernFactory(name="Beringe", slug="beringe")
    kcp = UserFactory(username="anouk", first_name="Anouk", last_name="Peeters", groups=["KCP"])
    KcpAssignmentFactory(kern=kern, user=kcp)
    for n in range(PERSONS_SHOWN):
        PersonFactory(name=f"Aalders {n:02d}", kernen=[kern])
    wanted = PersonFactory(name="Zwaantje Zoekbaar", role="penningmeester", kernen=[kern])
    PersonFactory(name="Zwaantje Elders", kernen=[other])
    path = f"/portaal/kernen/{kern.slug}/contactmoment/"
    _log_in(page, path, "anouk")
    assert page.get_by_label("Zwaantje Zoekbaar").count() == 0  # not offered
    assert serious_violations(page) == []

    search = page.get_by_label("Andere contactpersoon van de kern zoeken")
    search.focus()
    page.keyboard.type("Zwaan")
    page.keyboard.press("Enter")  # searches; does not submit the form
    result = page.get_by_role("button", name="Toevoegen: Zwaantje Zoekbaar")
    result.wait_for()
    assert page.get_by_role("button", name="Toevoegen: Zwaantje Elders").count() == 0
    assert page.get_by_role("status").first.inner_text() == (
        "1 gevonden. Kies met Tab en Enter wie u toevoegt."
    )
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past the "Zoeken" button, onto the result
    assert page.evaluate("document.activeElement.textContent").startswith("Zwaantje Zoekbaar")
    page.keyboard.press("Enter")
    assert page.get_by_label("Zwaantje Zoekbaar").is_checked()
    assert page.get_by_role("status").first.inner_text() == (
        "Zwaantje Zoekbaar is toegevoegd en aangevinkt."
    )
    assert serious_violations(page) == []

    page.get_by_label("Datum en tijd").fill("2025-03-04T20:00")
    page.get_by_label("Soort").select_option(label="Telefoongesprek")
    page.get_by_label("Samenvatting").fill("Kas besproken.")
    page.get_by_role("button", name="Vastleggen").click()
    page.wait_for_url(f"**{kern.get_absolute_url()}")
    assert list(ContactMoment.objects.get().persons.all()) == [wanted]


def test_without_javascript_a_kcp_searches_a_person_ticks_them_and_saves(
    browser, live_server, migrated_data
):
    """The search box works without JavaScript too: its button posts the form, which comes
    back with what was typed and the person found offered, unticked."""
    from contacts.models import ContactMoment
    from contacts.participants import PERSONS_SHOWN
    from contacts.tests.factories import PersonFactory

    kern = KernFactory(name="Egchel", slug="egchel")
    kcp = UserFactory(username="anouk", first_name="Anouk", last_name="Peeters", groups=["KCP"])
    KcpAssignmentFactory(kern=kern, user=kcp)
    for n in range(PERSONS_SHOWN):
        PersonFactory(name=f"Aalders {n:02d}", kernen=[kern])
    wanted = PersonFactory(name="Zwaantje Zoekbaar", kernen=[kern])
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        path = f"/portaal/kernen/{kern.slug}/contactmoment/"
        _log_in(page, path, "anouk")
        page.get_by_label("Datum en tijd").fill("2025-03-04T20:00")
        page.get_by_label("Soort").select_option(label="Telefoongesprek")
        page.get_by_label("Samenvatting").fill("Kas besproken.")
        page.get_by_label("Andere contactpersoon van de kern zoeken").fill("Zwaan")
        page.get_by_role("button", name="Zoeken").first.click()
        page.get_by_label("Zwaantje Zoekbaar").wait_for()
        assert not page.get_by_label("Zwaantje Zoekbaar").is_checked()
        assert page.get_by_label("Samenvatting").input_value() == "Kas besproken."
        assert "1 gevonden en hierboven bijgezet" in page.get_by_role("status").first.inner_text()
        assert not ContactMoment.objects.exists()
        page.get_by_label("Zwaantje Zoekbaar").check()
        page.get_by_role("button", name="Vastleggen").click()
        page.wait_for_url(f"**{kern.get_absolute_url()}")
        assert list(ContactMoment.objects.get().persons.all()) == [wanted]
    finally:
        context.close()

"""End-to-end flows of issue 15 against the live test server, each at a phone viewport with
pointer and a desktop viewport with the keyboard alone (Tab, Enter, Space and typing; no
clicks). On every page a flow reaches axe-core finds nothing serious or critical and the page
does not scroll sideways. The last step of each flow is kept as a screenshot (see `page`).

Flows already covered elsewhere are not repeated: the Dutch initiative submission
(initiatives/tests/test_browser.py), correcting a moment's follow-ups (contacts). The English
initiative flow is here. A file is chosen with set_input_files in both modes: the browser's
file dialog is not part of the page."""

import datetime
import re
from decimal import Decimal

from django.utils import timezone

import pytest

from kernen.tests.factories import KcpAssignmentFactory, KernFactory, UserFactory
from kernportal.models import OutboxEmail
from kernportal.tests.test_accessibility_browser import serious_violations
from kernportal.tests.test_csp_browser import Watcher

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "geheim-wachtwoord"
MODES = {
    "phone": ({"width": 390, "height": 844}, False),
    "desktop-keyboard": ({"width": 1280, "height": 900}, True),
}


class Flow:
    """Drives a page the way a person would: by pointer, or by keyboard alone. With the
    keyboard every control is reached by pressing Tab, which proves it is in the tab order."""

    def __init__(self, page, mode, watcher=None):
        viewport, self.keyboard = MODES[mode]
        self.page = page
        self.width = viewport["width"]
        page.set_default_timeout(20_000)
        page.set_viewport_size(viewport)
        self.day_first = None
        self.watcher = watcher  # a CSP Watcher: pages are checked against the policy too

    def check(self):
        """axe-core and sideways scrolling on the page as it is now."""
        page = self.page
        page.wait_for_load_state("load")
        if self.watcher is not None:
            # What the page itself did, before axe-core: axe adds a <style> of its own, which
            # the Content Security Policy rightly blocks and which says nothing about the page.
            assert self.watcher.violations() == [], page.url
        found = serious_violations(page)
        if self.watcher is not None:
            page.wait_for_timeout(200)
            self.watcher.violations()  # axe's own, dropped
        assert not found, "\n".join(found)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= self.width, f"{page.url} scrolls sideways: {width}px"

    def goto(self, path):
        response = self.page.goto(path)
        assert response.status == 200, path
        self.check()

    def tab_to(self, locator, limit=150):
        locator.wait_for(state="attached")
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            if locator.evaluate("el => el === document.activeElement"):
                return
        raise AssertionError(f"not reachable by Tab: {locator}")

    def fill(self, locator, text):
        if self.keyboard:
            self.tab_to(locator)
            self.page.keyboard.press("Control+A")
            self.page.keyboard.type(text)
        else:
            locator.fill(text)

    def fill_date(self, locator, day, time=None):
        """A date (or date and time) field: typed segment by segment in the order the browser
        shows them (Chromium's own locale decides), filled in ISO form by pointer."""
        expected = day.isoformat() + (time.strftime("T%H:%M") if time else "")
        if self.keyboard:
            order = "%d%m%Y" if self._day_first() else "%m%d%Y"
            self.tab_to(locator)
            self.page.keyboard.type(day.strftime(order))
            if time:  # Tab moves on from the year (it may have six digits) to the hour
                self.page.keyboard.press("Tab")
                self.page.keyboard.type(time.strftime("%H%M"))
                if locator.input_value() != expected:  # a 12-hour clock: AM or PM
                    self.page.keyboard.type("P" if time.hour >= 12 else "A")
        else:
            locator.fill(expected)
        assert locator.input_value() == expected, locator.input_value()

    def _day_first(self):
        """Whether this Chromium shows dates as dd-mm-jjjj: typed once on a scratch page."""
        if self.day_first is None:
            scratch = self.page.context.new_page()
            scratch.set_content("<input type=date>")
            scratch.locator("input").focus()
            scratch.keyboard.type("13022000")
            self.day_first = scratch.locator("input").input_value() == "2000-02-13"
            scratch.close()
        return self.day_first

    def tick(self, locator):
        """Tick a checkbox, or choose a radio button: by keyboard a radio group is one tab
        stop, and the arrow keys move to the wanted choice."""
        if self.keyboard and locator.get_attribute("type") == "radio":
            name = locator.get_attribute("name")
            group = self.page.locator(f"input[type=radio][name='{name}']")
            self.tab_to(group.first)
            for _ in range(group.count()):
                if locator.is_checked():
                    break
                self.page.keyboard.press("ArrowDown")
        elif self.keyboard:
            self.tab_to(locator)
            self.page.keyboard.press("Space")
        else:
            locator.check()
        assert locator.is_checked()

    def choose(self, select, label):
        """Pick an option of a <select>; by keyboard with the arrow keys."""
        wanted = select.locator("option", has_text=label).first.get_attribute("value")
        if self.keyboard:
            self.tab_to(select)
            for _ in range(select.locator("option").count()):
                if select.input_value() == wanted:
                    break
                self.page.keyboard.press("ArrowDown")
            assert select.input_value() == wanted, label
        else:
            select.select_option(value=wanted)

    def press(self, locator):
        """Follow a link or press a button; waits for the next page when one loads."""
        with self.page.expect_navigation():
            if self.keyboard:
                self.tab_to(locator)
                self.page.keyboard.press("Enter")
            else:
                locator.click()
        self.check()

    def log_in(self, path, username, password=PASSWORD):
        """Log in on the portal's own login page, which then opens `path`."""
        page = self.page
        page.goto(f"/inloggen/?next={path}")
        self.check()
        self.fill(page.get_by_label("Gebruikersnaam"), username)
        self.fill(page.get_by_label("Wachtwoord"), password)
        self.press(page.get_by_role("button", name="Inloggen"))
        page.wait_for_url(f"**{path}")

    def log_out(self):
        self.page.context.clear_cookies()


def _private_path(email):
    return re.search(r"https?://\S+?(/vraag/\S+/)", email.body_text).group(1)


@pytest.fixture
def egchel(db):
    kern = KernFactory(name="Egchel", slug="egchel")
    kcp = UserFactory(username="anouk", first_name="Anouk", last_name="Peeters", groups=["KCP"])
    KcpAssignmentFactory(kern=kern, user=kcp)
    return kern


@pytest.mark.parametrize("mode", MODES)
def test_a_resident_asks_the_kcp_routes_a_colleague_answers_the_resident_reads(page, egchel, mode):
    from contacts.models import Question

    UserFactory(username="bram", first_name="Bram", last_name="Hendriks", groups=["medewerker"])
    flow = Flow(page, mode)
    flow.goto(egchel.get_public_url())
    flow.press(page.get_by_role("link", name="Stel uw vraag"))
    flow.fill(page.get_by_label("Uw naam"), "Jan Inwoner")
    flow.fill(page.get_by_label("Uw e-mailadres"), "jan@example.org")
    flow.fill(page.get_by_label("Uw vraag"), "Wie maait het gras bij de speeltuin?")
    flow.tick(page.get_by_label("Ik heb gelezen hoe de gemeente met mijn gegevens omgaat"))
    flow.press(page.get_by_role("button", name="Vraag versturen"))
    page.get_by_role("heading", level=1, name="Bedankt voor uw vraag").wait_for()
    question = Question.objects.get()

    # The KCP routes it to a colleague.
    flow.log_in(f"/portaal/vragen/{question.pk}/", "anouk")
    flow.choose(page.get_by_label("Doorzetten naar", exact=True), "Bram Hendriks")
    flow.fill(page.get_by_label("Toelichting voor de collega"), "Groen is van jouw team.")
    flow.press(page.get_by_role("button", name="Doorzetten", exact=True))
    assert "De vraag is doorgezet." in page.get_by_role("status").first.inner_text()
    flow.log_out()

    # The colleague finds it in the question list and answers.
    flow.log_in("/portaal/vragen/", "bram")
    flow.press(page.get_by_role("link", name="Doorgezet naar mij"))
    flow.press(page.get_by_role("link", name="Wie maait het gras bij de speeltuin?"))
    flow.fill(page.get_by_label("Antwoord", exact=True), "De gemeente maait op dinsdag.")
    flow.press(page.get_by_role("button", name="Antwoord versturen"))
    assert "Het antwoord is opgeslagen en verstuurd." in page.locator("body").inner_text()
    flow.log_out()

    # The resident opens the private link from the confirmation e-mail.
    confirmation = OutboxEmail.objects.filter(to=["jan@example.org"]).order_by("pk").first()
    flow.goto(_private_path(confirmation))
    assert page.get_by_role("heading", level=1).inner_text() == "Uw vraag aan de gemeente"
    assert page.get_by_text("Beantwoord", exact=True).is_visible()
    assert page.get_by_text("De gemeente maait op dinsdag.").is_visible()


@pytest.mark.parametrize("mode", MODES)
def test_a_resident_asks_in_english_and_reads_the_private_page_in_english(page, egchel, mode):
    flow = Flow(page, mode)
    flow.goto(egchel.get_public_url())
    flow.press(page.locator("footer button[name=language][value=en]"))
    assert page.locator("html").get_attribute("lang") == "en"
    flow.press(page.get_by_role("link", name="Ask your question"))
    flow.fill(page.get_by_label("Your name"), "Jane Resident")
    flow.fill(page.get_by_label("Your e-mail address"), "jane@example.org")
    flow.fill(page.get_by_label("Your question", exact=True), "Who mows the playground?")
    flow.tick(page.get_by_label("I have read how the municipality handles my details"))
    flow.press(page.get_by_role("button", name="Send question"))
    page.get_by_role("heading", level=1, name="Thank you for your question").wait_for()

    email = OutboxEmail.objects.get(to=["jane@example.org"])
    assert "Do not share this link with others." in email.body_text
    assert "Your question:" in email.body_text
    assert "Deel deze link" not in email.body_text
    flow.goto(_private_path(email))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Your question to the municipality"
    assert page.get_by_text("Who mows the playground?").is_visible()
    assert page.get_by_text("Received; the village contact person is looking").is_visible()


@pytest.mark.parametrize("mode", MODES)
def test_a_colleague_files_a_request_the_kcp_declines_with_a_reason_the_colleague_sees_why(
    page, egchel, mode
):
    from roles.models import ParticipationReview

    UserFactory(username="bram", groups=["medewerker"])
    start = timezone.localdate() + datetime.timedelta(days=14)
    flow = Flow(page, mode)
    flow.log_in("/portaal/participatie/nieuw/", "bram")
    flow.tick(page.get_by_label("Egchel"))
    flow.fill(page.get_by_label("Afdeling of team"), "Openbare ruimte")
    flow.fill(page.get_by_label("Onderwerp"), "Inloopavond speeltuin")
    flow.fill(page.get_by_label("Wat vraagt u van de kern?"), "Denk mee over de speeltuin.")
    flow.choose(page.get_by_label("Vorm"), "Inloop- of consultatieavond")
    flow.fill_date(page.get_by_label("Voorgestelde begindatum"), start)
    flow.fill_date(page.get_by_label("Voorgestelde einddatum"), start)
    flow.choose(page.get_by_label("Verwachte inzet van de gemeenschap"), "Klein")
    flow.choose(page.get_by_label("Rol van de gemeente"), "Groen")
    flow.press(page.get_by_role("button", name="Verzoek indienen"))
    review = ParticipationReview.objects.get()
    request_path = review.request.get_absolute_url()
    page.wait_for_url(f"**{request_path}")
    flow.log_out()

    flow.log_in(review.get_absolute_url(), "anouk")
    flow.tick(page.get_by_label("Afgewezen"))
    flow.fill(page.get_by_label("Reden (de aanvrager krijgt deze te lezen)"), "Kermis die week.")
    flow.press(page.get_by_role("button", name="Besluit vastleggen"))
    review.refresh_from_db()
    assert review.status == "declined"
    flow.log_out()

    flow.log_in(request_path, "bram")
    row = page.get_by_role("row", name=re.compile("Egchel"))
    assert "Afgewezen" in row.inner_text() and "Kermis die week." in row.inner_text()


@pytest.mark.parametrize("mode", MODES)
def test_a_gebiedsregisseur_grants_kernbudget_and_sees_the_remaining_amount_drop(
    page, egchel, mode
):
    from initiatives.tests.factories import FundFactory, InitiativeFactory

    UserFactory(username="ria", groups=["gebiedsregisseur"])
    year = timezone.localdate().year
    FundFactory(name="Kernbudget", year=year, fixed_amount=Decimal("10000.00"), kernen=[egchel])
    initiative = InitiativeFactory(title="Moestuin bij de school", kernen=[egchel], granted=True)
    flow = Flow(page, mode)
    flow.log_in("/portaal/fondsen/", "ria")
    fund_row = page.get_by_role("row", name=re.compile(f"Kernbudget {year}"))
    assert fund_row.locator("td").last.inner_text().strip() == "€ 10.000,00"

    page.goto(initiative.get_absolute_url())
    flow.check()
    flow.press(page.get_by_role("link", name="Geld toekennen uit een fonds"))
    fund = page.get_by_label("Fonds")
    assert "nog € 10.000,00" in fund.inner_text()
    flow.choose(fund, "Kernbudget")
    flow.fill(page.get_by_label("Bedrag (euro)"), "1.250,50")
    flow.press(page.get_by_role("button", name="Toekennen"))
    assert "€ 1.250,50 is toegekend uit" in page.locator("body").inner_text(), page.locator(
        "main"
    ).inner_text()[-1500:]

    flow.goto("/portaal/fondsen/")
    fund_row = page.get_by_role("row", name=re.compile(f"Kernbudget {year}"))
    assert fund_row.locator("td").last.inner_text().strip() == "€ 8.749,50"


@pytest.mark.parametrize("mode", MODES)
def test_an_admin_edits_a_kern_in_django_admin_under_the_content_security_policy(
    page, egchel, admin_user, mode
):
    watcher = Watcher(page)
    flow = Flow(page, mode, watcher=watcher)  # every page checked against the policy
    flow.log_in("/beheer/", "admin", password="password")
    assert watcher.visit("/beheer/") == []  # the enforced policy, as in production
    flow.press(page.locator("#content-main a[href$='/kernen/kern/']").first)
    flow.press(page.get_by_role("link", name="Egchel", exact=True))
    flow.fill(page.get_by_label("Korte beschrijving"), "Dorp aan de Kanaaldijk.")
    flow.press(page.get_by_role("button", name="Opslaan", exact=True))
    assert "gewijzigd" in page.locator(".messagelist").inner_text()
    egchel.refresh_from_db()
    assert egchel.description == "Dorp aan de Kanaaldijk."


@pytest.mark.parametrize("mode", MODES)
def test_a_kcp_logs_a_moment_with_two_follow_ups_corrects_it_and_ticks_one_off(page, egchel, mode):
    from contacts.models import ContactMoment, FollowUp

    soon = timezone.localdate() + datetime.timedelta(days=7)
    flow = Flow(page, mode)
    flow.log_in(f"/portaal/kernen/{egchel.slug}/contactmoment/", "anouk")
    now = timezone.localtime().replace(second=0, microsecond=0) - datetime.timedelta(hours=1)
    flow.fill_date(page.get_by_label("Datum en tijd"), now.date(), now.time())
    flow.choose(page.get_by_label("Soort"), "Telefoongesprek")
    flow.fill(page.get_by_label("Samenvatting"), "Dorpsplan besproken.")
    add = page.get_by_role("button", name="Nog een vervolgactie (extra rij)")
    if flow.keyboard:
        flow.tab_to(add)
        page.keyboard.press("Enter")
    else:
        add.click()
    rows = page.locator("fieldset.followup-row")
    assert rows.count() == 2
    for index, text in enumerate(["Zaal boeken", "Buren informeren"]):
        flow.fill(rows.nth(index).get_by_label("Actie"), text)
        flow.choose(rows.nth(index).get_by_label("Wie"), "Anouk Peeters")
        flow.fill_date(rows.nth(index).get_by_label("Uiterlijk"), soon)
    flow.press(page.get_by_role("button", name="Vastleggen"))
    moment = ContactMoment.objects.get()
    assert FollowUp.objects.filter(contact_moment=moment).count() == 2
    page.wait_for_url(f"**{egchel.get_absolute_url()}")  # back on the kern page
    flow.press(page.get_by_role("link", name="Telefoongesprek"))

    flow.press(page.get_by_role("link", name="Wijzigen"))
    flow.fill(page.get_by_label("Samenvatting"), "Dorpsplan en speeltuin besproken.")
    flow.press(page.get_by_role("button", name="Wijzigingen opslaan"))
    moment.refresh_from_db()
    assert moment.summary == "Dorpsplan en speeltuin besproken."

    flow.press(page.get_by_role("button", name=re.compile(r"Afvinken\W+Zaal boeken")))
    done = FollowUp.objects.get(description="Zaal boeken")
    assert done.is_done and not FollowUp.objects.get(description="Buren informeren").is_done
    assert page.get_by_role("row", name=re.compile("Zaal boeken")).get_by_text("gedaan op")


@pytest.mark.parametrize("mode", MODES)
def test_a_resident_submits_an_initiative_in_english_and_follows_it_in_english(
    page, egchel, mode, tmp_path, settings
):
    from PIL import Image

    from initiatives.models import Initiative

    settings.KERNPORTAL_MAP_TILE_URL = "/geen-tegels/{z}/{x}/{y}.png"  # no internet here
    photo = tmp_path / "speeltuin.png"
    Image.new("RGB", (40, 30), (20, 120, 60)).save(photo)
    flow = Flow(page, mode)
    flow.goto(egchel.get_public_url())
    flow.press(page.locator("footer button[name=language][value=en]"))
    assert page.locator("html").get_attribute("lang") == "en"
    kcp = page.get_by_role("region", name="Your contact person at the municipality")
    assert "Anouk Peeters" in kcp.inner_text()
    flow.press(page.get_by_role("link", name="Submit an initiative yourself"))
    page.get_by_role("heading", level=1, name="Submit an initiative").wait_for()

    flow.fill(page.get_by_label("Name of your initiative"), "Playground in the village")
    flow.fill(page.get_by_label("Describe your initiative"), "Swings next to the village hall.")
    flow.tick(page.get_by_label("Egchel", exact=True))
    flow.choose(page.get_by_label("Theme", exact=True), "Green spaces and nature")
    flow.fill(page.get_by_label("What do you want to achieve?"), "Children play outside.")
    flow.fill(page.get_by_label("Amount requested from the municipality in euros"), "1.250,50")
    page.get_by_label("Attachments (optional)", exact=True).set_input_files(photo)
    flow.fill(page.get_by_label("Your name"), "Jane Resident")
    flow.fill(page.get_by_label("Your e-mail address"), "jane@example.org")
    flow.tick(page.get_by_label("I have read how the municipality handles my details"))
    flow.press(page.get_by_role("button", name="Send initiative"))
    page.get_by_role(
        "heading", level=1, name="Thank you, your initiative has been received"
    ).wait_for()
    assert page.locator("html").get_attribute("lang") == "en"

    initiative = Initiative.objects.get()
    assert initiative.amount_requested == Decimal("1250.50")
    assert initiative.attachments.count() == 1
    email = OutboxEmail.objects.get(to=["jane@example.org"])
    assert email.subject == 'Your initiative "Playground in the village" has been received'
    assert 'Thank you for your initiative "Playground in the village".' in email.body_text
    assert "Bedankt" not in email.body_text
    tracking = re.search(r"https?://\S+?(/initiatieven/volgen/\S+/)", email.body_text).group(1)
    assert Initiative.objects.by_token(tracking.rstrip("/").rsplit("/", 1)[1]).get() == initiative

    flow.goto(tracking)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Playground in the village"
    assert page.get_by_text("What happens next?").is_visible()
    assert page.locator("[aria-current=step]").inner_text().startswith("Received")

"""A resident submits an initiative and follows it: by keyboard only, and on a phone and a
desktop with a Dutch amount, a place picked on the map and the decision read back."""

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
    page.get_by_label(
        "Ik heb gelezen hoe de gemeente met mijn gegevens omgaat", exact=False
    ).focus()
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


VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
def test_a_resident_enters_a_dutch_amount_picks_the_place_and_reads_decision_and_grant(
    page, viewport, settings
):
    from decimal import Decimal

    from django.utils import timezone

    from initiatives import services
    from initiatives.models import Status
    from initiatives.tests.factories import FundFactory

    # No internet for tiles here: the map must still show the kernen by name.
    settings.KERNPORTAL_MAP_TILE_URL = "/geen-tegels/{z}/{x}/{y}.png"
    page.set_viewport_size(VIEWPORTS[viewport])
    kern = KernFactory(
        name="Kessel-Eik", slug="kessel-eik", latitude="51.29300", longitude="6.05200"
    )
    KernFactory(name="Baarlo", slug="baarlo", latitude="51.33000", longitude="6.09400")
    official = UserFactory(first_name="Thijs", last_name="Janssen", groups=["KCP"])
    KcpAssignmentFactory(kern=kern, user=official)
    page.goto("/initiatieven/indienen/")

    page.get_by_label("Naam van uw initiatief").fill("Jeu-de-boulesbaan")
    page.get_by_label("Beschrijf uw initiatief").fill("Een baan naast het dorpshuis.")
    page.get_by_label("Kessel-Eik").check()
    page.get_by_label("Thema").select_option(label="Sport en bewegen")
    page.get_by_label("Wat wilt u bereiken?").fill("Ontmoeting voor alle leeftijden.")
    page.get_by_label("Gevraagd bedrag van de gemeente in euro").fill("1.250,50")

    # The kern points carry their names even without tiles.
    assert page.locator(".kern-label", has_text="Baarlo").is_visible()
    page.wait_for_function("document.getElementById('plek-kaart-melding').textContent.length > 0")
    assert "kan niet worden geladen" in page.locator("#plek-kaart-melding").inner_text()
    if viewport == "phone":
        # Keyboard: find the kern, then pan with the arrow keys and set the pin in the middle.
        page.get_by_label("Zoek een kern of straat").fill("Kessel-Eik")
        page.get_by_label("Zoek een kern of straat").press("Enter")
        page.get_by_label("Zoek een kern of straat").dispatch_event("change")
        page.locator("#plek-kaart").focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")
    else:
        map_element = page.locator("#plek-kaart")
        map_element.scroll_into_view_if_needed()
        box = map_element.bounding_box()
        map_element.click(position={"x": box["width"] / 3, "y": box["height"] / 2})
    assert "De plek is gezet" in page.locator("#plek-status").inner_text()
    assert page.locator(".leaflet-marker-icon").count() == 1
    page.get_by_label("Straat of omschrijving van de plek").fill("Naast het dorpshuis")

    page.get_by_label("Uw naam").fill("Els Peeters")
    page.get_by_label("Uw e-mailadres").fill("els@voorbeeld.example")
    page.get_by_label(
        "Ik heb gelezen hoe de gemeente met mijn gegevens omgaat", exact=False
    ).check()
    page.get_by_role("button", name="Initiatief versturen").click()
    page.wait_for_url("**/initiatieven/ingediend/")
    # The private link is shown once, here (and in the e-mail); only its hash is stored.
    tracking_url = page.get_by_role("link", name="Volg uw initiatief").get_attribute("href")

    initiative = Initiative.objects.get()
    assert initiative.amount_requested == Decimal("1250.50")
    assert initiative.latitude is not None and initiative.longitude is not None
    assert abs(float(initiative.latitude) - 51.293) < 0.2  # near Kessel-Eik, not typed by hand

    regisseur = UserFactory(groups=["gebiedsregisseur"])
    for status in (Status.FIRST_CONVERSATION, Status.PLAN):
        services.initiative_transition(initiative=initiative, to_status=status, by=regisseur)
    services.initiative_transition(
        initiative=initiative,
        to_status=Status.GRANTED_CONDITIONS,
        by=regisseur,
        public_reason="Mits de buren akkoord zijn.",
    )
    initiative.refresh_from_db()
    services.grant_allocate(
        fund=FundFactory(name="Kernbudget", kernen=[kern], year=timezone.localdate().year),
        initiative=initiative,
        amount=Decimal("1250.50"),
        decided_at=timezone.localdate(),
    )

    page.goto(tracking_url)
    decision = page.get_by_role("region", name="Het besluit")
    assert "Ja, mits" in decision.inner_text()
    assert "Mits de buren akkoord zijn." in decision.inner_text()
    assert "€ 1.250,50" in decision.inner_text()
    assert "Kernbudget" in decision.inner_text()


def test_the_public_map_shows_kernen_by_name_and_initiatives_when_tiles_fail(page, settings):
    from initiatives.tests.factories import InitiativeFactory

    settings.KERNPORTAL_MAP_TILE_URL = "/geen-tegels/{z}/{x}/{y}.png"
    kern = KernFactory(name="Grashoek", slug="grashoek", latitude="51.36000", longitude="5.93000")
    InitiativeFactory(title="Jongerenplek", kernen=[kern], running=True)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("/initiatieven/")
    assert page.locator(".kern-label", has_text="Grashoek").is_visible()
    page.locator(".leaflet-marker-icon").first.wait_for()
    page.wait_for_function("document.getElementById('kaart-status').textContent.length > 0")
    assert "kan niet worden geladen" in page.locator("#kaart-status").inner_text()
    assert not errors


def test_the_place_picker_and_the_map_speak_english_for_an_english_visitor(page, live_server):
    # The scripts take every text from data attributes of the page (CSP: no inline script).
    KernFactory(name="Kessel-Eik", slug="kessel-eik")
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto("/initiatieven/indienen/")
    page.wait_for_function("document.getElementById('plek-kaart-melding').textContent.length > 0")
    assert "The background map cannot be loaded" in page.locator("#plek-kaart-melding").inner_text()
    page.get_by_label("Search for a village or street").fill("Kessel-Eik")
    page.get_by_label("Search for a village or street").dispatch_event("change")
    assert "in the middle of Kessel-Eik" in page.locator("#plek-status").inner_text()
    page.get_by_role("button", name="Remove the place").click()
    assert "The place has been removed" in page.locator("#plek-status").inner_text()
    page.goto("/initiatieven/")
    page.wait_for_function("document.getElementById('kaart-status').textContent.length > 0")
    assert "The background map cannot be loaded" in page.locator("#kaart-status").inner_text()

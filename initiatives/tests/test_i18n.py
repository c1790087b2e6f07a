"""Initiatives in English: the public pages a resident uses, the staff pages, and the e-mails a
resident gets in the language they used on the form (staff notices stay Dutch)."""

from decimal import Decimal

from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from initiatives import services
from initiatives.forms import InitiativeSubmitForm
from initiatives.models import Initiative, Status

from .factories import FundFactory, InitiativeFactory
from .test_views_public import SUBMIT, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _back_to_dutch():
    # A request leaves its language active in the thread; later tests expect the default.
    yield
    translation.deactivate()


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _page(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200
    return response.text


def _absent(text, *dutch):
    found = [d for d in dutch if d in text]
    assert not found, f"Dutch left on the English page: {found}"


def test_the_public_form_is_in_english(english, kern):
    text = _page(english, SUBMIT)
    assert '<html lang="en">' in text
    assert "Submit an initiative" in text and "Your initiative" in text
    assert "For which village or villages?" in text and "Liveability and meeting" in text
    assert "Write the amount in Dutch notation" in text
    # The map script's texts are data attributes of the translated page.
    assert 'data-text-pin="Place of the initiative"' in text
    assert "The place has been set in the middle of {kern}." in text
    _absent(
        text,
        "Initiatief indienen",
        "Uw initiatief",
        "Voor welke kern",
        "Leefbaarheid",
        "Plek van het initiatief",
        "Zoek een kern of straat",
    )


def test_the_public_form_says_its_errors_in_english(english, kern):
    data = form_data(kern, title="", amount_requested="1,250.50", privacy_consent="")
    response = english.post(SUBMIT, data)
    assert response.status_code == 200
    text = response.text
    assert "Your initiative has not been sent yet." in text
    assert "Enter an amount in euros the Dutch way, for example 1.250,50" in text
    assert "Without your consent we cannot handle your initiative." in text
    _absent(text, "nog niet verstuurd", "Vul een bedrag", "Zonder uw akkoord")
    assert not Initiative.objects.exists()


def test_the_dutch_amount_notation_is_read_in_english_too(english, kern):
    assert english.post(SUBMIT, form_data(kern, amount_requested="1.250,50")).status_code == 302
    assert Initiative.objects.get().amount_requested == Decimal("1250.50")


def test_an_amount_with_too_many_decimals_is_refused_in_the_active_language(kern):
    data = form_data(kern, amount_requested="12,345")
    with translation.override("en"):
        form = InitiativeSubmitForm(data)
        assert not form.is_valid()
        assert form.errors["amount_requested"] == [
            "An amount has at most two digits after the comma, for example 1.250,50."
        ]
    with translation.override("nl"):
        form = InitiativeSubmitForm(data)
        assert not form.is_valid()
        assert "hoogstens twee cijfers" in form.errors["amount_requested"][0]


def test_the_public_list_and_detail_are_in_english(english, kern):
    initiative = InitiativeFactory(kernen=[kern], running=True)
    text = _page(english, reverse("initiatives:public_list"))
    assert "Initiatives in the villages" in text and "All villages" in text
    assert initiative.title in text and "In progress" in text
    assert 'data-text-no-tiles="The background map cannot be loaded.' in text
    _absent(text, "Initiatieven in de kernen", "Alle kernen", "Filteren", "Loopt")
    text = _page(english, initiative.get_public_url())
    assert "About this initiative" in text and "What it wants to achieve" in text
    _absent(text, "Over dit initiatief", "Wat het wil bereiken", "Thema")


def test_the_tracking_page_is_in_english(english, kern, kcp):
    initiative = InitiativeFactory(kernen=[kern], contact_official=kcp)
    text = _page(english, initiative.get_tracking_url())
    assert "Progress of your initiative" in text and "The whole process" in text
    assert "Received" in text and "First conversation" in text  # the step names
    assert "What you sent" in text and "Withdraw initiative" in text
    _absent(
        text,
        "Voortgang van uw initiatief",
        "Het hele traject",
        "Ontvangen",
        "Eerste gesprek",
        "Wat u instuurde",
        "Initiatief intrekken",
    )


def test_the_tracking_page_follows_the_visitor_not_the_initiator(client, kern):
    initiative = InitiativeFactory(kernen=[kern], language="en")
    text = _page(client, initiative.get_tracking_url())
    assert "Voortgang van uw initiatief" in text and "Progress" not in text


def test_the_staff_pages_are_in_english(english, client_for, regisseur, kern, kcp):
    initiative = InitiativeFactory(kernen=[kern], contact_official=kcp, status=Status.GRANTED)
    FundFactory(name="Kernbudget Egchel", kernen=[kern])
    client = client_for(regisseur)
    text = _page(client, reverse("initiatives:board"))
    assert "Export as CSV" in text and "All statuses" in text and "Decision: granted" in text
    _absent(
        text, "Exporteren als CSV", "Alle statussen", "Besluit: toegekend", "Laatste activiteit"
    )
    text = _page(client, initiative.get_absolute_url())
    assert "Next step" in text and "Internal notes" in text and "Grant money from a fund" in text
    assert "In progress" in text  # the next step offered
    _absent(text, "Volgende stap", "Interne notities", "Geld toekennen", "Geschiedenis")
    text = _page(client, reverse("initiatives:funds"))
    assert "Funds" in text and "Available" in text and "fixed amount" in text
    _absent(text, "Beschikbaar", "Berekening", "vast bedrag")
    text = _page(client, reverse("initiatives:grant_create", args=[initiative.pk]))
    assert "Grant money from a fund" in text and "Decided on" in text
    assert "left of" in text  # what remains of each fund
    _absent(text, "Besloten op", "nog €", "Toekennen")


def test_a_staff_error_is_in_english(english, client_for, regisseur, kern, kcp):
    initiative = InitiativeFactory(kernen=[kern], contact_official=kcp, status=Status.GRANTED)
    fund = FundFactory(kernen=[kern], fixed_amount=Decimal("1000"))
    url = reverse("initiatives:grant_create", args=[initiative.pk])
    data = {"fund": fund.pk, "amount": "5.000", "decided_at": timezone.localdate().isoformat()}
    text = client_for(regisseur).post(url, data).text
    assert "This does not fit in" in text and "Dit past niet" not in text


def _submit(client, kern, capture, **overrides):
    with capture(execute=True):
        assert client.post(SUBMIT, form_data(kern, **overrides)).status_code == 302
    return Initiative.objects.get(title=overrides.get("title", "Bankjes langs de Maas"))


def _to(address):
    return [m for m in mail.outbox if m.to == [address]]


def test_an_initiative_submitted_in_english_gets_its_emails_in_english(
    english, kern, kcp, django_capture_on_commit_callbacks
):
    initiative = _submit(english, kern, django_capture_on_commit_callbacks)
    assert initiative.language == "en"
    [submitted] = _to("els@voorbeeld.example")
    assert submitted.subject == 'Your initiative "Bankjes langs de Maas" has been received'
    assert "Dear Els Initiatiefnemer," in submitted.body and "What you sent" in submitted.body
    assert "Amount requested: € 1.200,50" in submitted.body
    assert "Help requested: Money, A place to meet" in submitted.body
    assert "Wat u instuurde" not in submitted.body
    # The contact official's notice stays Dutch.
    [notice] = _to(kcp.email)
    assert notice.subject.startswith("Nieuw initiatief") and "Beste" in notice.body
    # A later step, taken by staff working in Dutch, still reaches the resident in English.
    mail.outbox.clear()
    with translation.override("nl"), django_capture_on_commit_callbacks(execute=True):
        services.initiative_transition(
            initiative=initiative, to_status=Status.FIRST_CONVERSATION, by=kcp
        )
    [changed] = _to("els@voorbeeld.example")
    assert changed.subject == 'Your initiative "Bankjes langs de Maas": first conversation'
    assert "is now at: First conversation." in changed.body
    assert "staat nu op" not in changed.body


def test_an_initiative_submitted_in_dutch_gets_its_emails_in_dutch(
    client, kern, kcp, django_capture_on_commit_callbacks
):
    initiative = _submit(client, kern, django_capture_on_commit_callbacks)
    assert initiative.language == "nl"
    [submitted] = _to("els@voorbeeld.example")
    assert submitted.subject == 'Uw initiatief "Bankjes langs de Maas" is ontvangen'
    assert "Wat u instuurde" in submitted.body
    assert "Gevraagde hulp: Geld, Een plek om samen te komen" in submitted.body
    mail.outbox.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        # Staff working in English do not change the resident's language.
        services.initiative_transition(
            initiative=initiative, to_status=Status.FIRST_CONVERSATION, by=kcp
        )
    [changed] = _to("els@voorbeeld.example")
    assert "staat nu op: Eerste gesprek." in changed.body


def test_staff_notices_stay_dutch_when_an_english_initiator_withdraws(
    english, kern, kcp, django_capture_on_commit_callbacks
):
    initiative = InitiativeFactory(kernen=[kern], contact_official=kcp, language="en")
    url = reverse("initiatives:withdraw", args=[initiative.tracking_token])
    with django_capture_on_commit_callbacks(execute=True):
        response = english.post(url, {"reason": "We moved away.", "confirm": "on"})
    assert response.status_code == 302
    [notice] = _to(kcp.email)
    assert notice.subject.startswith("Ingetrokken") and "heeft het initiatief" in notice.body
    [resident] = _to(initiative.initiator_email)
    assert "is now at: Withdrawn." in resident.body


@pytest.mark.parametrize(
    ("given", "stored"), [("en", "en"), ("en-gb", "en"), ("fr", "nl"), ("", "nl")]
)
def test_the_stored_language_is_one_the_portal_speaks(given, stored):
    assert services.initiator_language(given) == stored

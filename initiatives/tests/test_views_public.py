import json

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

import pytest

from initiatives.models import CoFunding, Initiative, Status
from kernen.tests.factories import KernFactory
from kernportal.testing import redis_down  # noqa: F401 - fixture
from kernportal.tests.files import real_pdf

from .factories import InitiativeFactory

pytestmark = pytest.mark.django_db

SUBMIT = reverse("initiatives:submit")


def form_data(kern, **overrides):
    data = {
        "title": "Bankjes langs de Maas",
        "description": "Drie bankjes met uitzicht.",
        "kernen": [kern.pk],
        "theme": "liveability",
        "goal": "Ouderen een rustpunt geven.",
        "help_asked": ["money", "place"],
        "help_other": "",
        "amount_requested": "1200,50",
        "initiator_name": "Els Initiatiefnemer",
        "initiator_email": "els@voorbeeld.example",
        "initiator_phone": "",
        "may_publish": "on",
        "privacy_consent": "on",
        "latitude": "",
        "longitude": "",
        "website": "",
        "cofinanciering-TOTAL_FORMS": "3",
        "cofinanciering-INITIAL_FORMS": "0",
        "cofinanciering-MIN_NUM_FORMS": "0",
        "cofinanciering-MAX_NUM_FORMS": "10",
        "cofinanciering-0-source": "Oranjefonds",
        "cofinanciering-0-amount": "2500",
        "cofinanciering-1-source": "Sponsors",
        "cofinanciering-1-amount": "300",
        "cofinanciering-2-source": "",
        "cofinanciering-2-amount": "",
    }
    data.update(overrides)
    return data


def test_the_form_opens_for_anonymous(client, kern):
    response = client.get(SUBMIT)
    assert response.status_code == 200
    assert response.text.count("<h1") == 1
    assert 'name="csrfmiddlewaretoken"' in response.text
    assert kern.name in response.text


def submitted_tracking_url(client):
    """The private link of the initiative just submitted in this client's session."""
    _, token = client.session["initiatives_submitted"]
    return reverse("initiatives:track", args=[token])


def test_a_resident_submits_and_gets_a_confirmation_and_an_email(
    client, kern, kcp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SUBMIT, form_data(kern), follow=True)
    initiative = Initiative.objects.get()
    assert response.redirect_chain[-1][0] == reverse("initiatives:submitted")
    assert "Bankjes langs de Maas" in response.text
    link = submitted_tracking_url(client)
    assert link in response.text
    assert any(link in m.body for m in mail.outbox if m.to == ["els@voorbeeld.example"])
    assert client.get(link).status_code == 200
    assert kcp.get_full_name() in response.text
    assert initiative.amount_requested == pytest.approx(1200.5)
    assert initiative.help_asked == ["money", "place"]
    assert sorted(CoFunding.objects.values_list("source", flat=True)) == ["Oranjefonds", "Sponsors"]
    assert {m.to[0] for m in mail.outbox} == {"els@voorbeeld.example", kcp.email}


@override_settings(KERNPORTAL_PRIVACY_STATEMENT_VERSION="2027-02")
def test_a_submission_records_when_and_to_which_privacy_statement_the_initiator_agreed(
    client, kern
):
    before = timezone.now()
    client.post(SUBMIT, form_data(kern))
    initiative = Initiative.objects.get()
    assert initiative.privacy_consent_version == "2027-02"
    assert before <= initiative.privacy_consent_at <= timezone.now()


def test_the_consent_checkbox_links_to_the_privacy_statement(client, kern):
    text = client.get(SUBMIT).text
    assert 'type="checkbox" name="privacy_consent"' in text
    assert f'href="{reverse("privacy")}" target="_blank"' in text


def test_csrf_is_enforced(kern):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(SUBMIT, form_data(kern))
    assert response.status_code == 403
    assert not Initiative.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Dit veld is verplicht."),
        ({"kernen": []}, "Kies minstens één kern."),
        ({"privacy_consent": ""}, "Zonder uw akkoord"),
        ({"initiator_email": "els-at-voorbeeld"}, "e-mailadres"),
        (
            {"description": "x" * 100_000},
            "Deze tekst is te lang: maximaal 5000 tekens (nu 100000).",
        ),
        ({"amount_requested": "-5"}, "negatief"),
        ({"latitude": "40", "longitude": "5.9"}, "Vul een breedtegraad in Nederland in"),
        ({"latitude": "51.3"}, "Vul zowel breedte- als lengtegraad in"),
        ({"cofinanciering-0-amount": ""}, "Vul het bedrag van deze bron in."),
        ({"cofinanciering-1-amount": "0"}, "Vul een bedrag groter dan nul in."),
        ({"help_asked": ["hack"]}, "Selecteer een geldige keuze"),
    ],
)
def test_bad_input_stores_nothing_and_shows_what_was_typed(client, kern, overrides, message):
    response = client.post(SUBMIT, form_data(kern, **overrides))
    assert response.status_code == 200
    assert message in response.text
    assert "Uw initiatief is nog niet verstuurd." in response.text
    assert not Initiative.objects.exists()
    assert not CoFunding.objects.exists()
    assert "Drie bankjes met uitzicht." in response.text or "description" in overrides
    assert 'value="Oranjefonds"' in response.text


def test_a_fake_attachment_is_refused_and_nothing_is_stored(client, kern):
    data = form_data(kern, attachments=SimpleUploadedFile("plan.pdf", b"<html>nope</html>"))
    response = client.post(SUBMIT, data)
    assert "geen PDF, PNG of JPEG" in response.text
    assert not Initiative.objects.exists()


def test_a_real_pdf_is_stored(client, kern):
    pdf = SimpleUploadedFile("Plan <b>.pdf", real_pdf())
    client.post(SUBMIT, form_data(kern, attachments=[pdf]))
    assert Initiative.objects.get().attachments.get().original_name == "Plan <b>.pdf"


def test_the_honeypot_pretends_success_and_stores_nothing(client, kern):
    response = client.post(SUBMIT, form_data(kern, website="http://spam.example"), follow=True)
    assert "Bedankt" in response.text
    assert not Initiative.objects.exists()
    assert not mail.outbox


def test_posts_with_errors_do_not_use_up_the_rate_limit(client, kern, settings):
    settings.KERNPORTAL_PUBLIC_FORM_RATE = "2/h"
    for _ in range(8):
        assert client.post(SUBMIT, form_data(kern, title="")).status_code == 200
    response = client.post(SUBMIT, form_data(kern))
    assert response.status_code == 302
    assert Initiative.objects.count() == 1


@pytest.mark.usefixtures("redis_down")
def test_with_redis_down_initiatives_are_taken_in_and_limited_per_address_behind_the_proxy(
    client, kern, settings
):
    settings.KERNPORTAL_PUBLIC_FORM_RATE = "1/h"
    settings.KERNPORTAL_TRUSTED_PROXIES = 1
    village_hall = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    assert client.post(SUBMIT, form_data(kern, title=""), **village_hall).status_code == 200
    assert client.post(SUBMIT, form_data(kern), **village_hall).status_code == 302
    assert client.post(SUBMIT, form_data(kern), **village_hall).status_code == 429
    library = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.9"}
    assert client.post(SUBMIT, form_data(kern), **library).status_code == 302
    assert Initiative.objects.count() == 2


def test_the_rate_limit_counts_stored_initiatives_and_keeps_what_was_typed(
    client, kern, kcp, settings
):
    settings.KERNPORTAL_PUBLIC_FORM_RATE = "2/h"
    for n in range(2):
        assert client.post(SUBMIT, form_data(kern, title=f"Plan {n}")).status_code == 302
    response = client.post(SUBMIT, form_data(kern, title="Het derde plan"))
    assert response.status_code == 429
    assert Initiative.objects.count() == 2
    assert 'value="Het derde plan"' in response.text  # the form is still there, filled in
    assert "Drie bankjes met uitzicht." in response.text
    assert kcp.get_full_name() in response.text  # another way to reach the municipality
    assert kcp.email in response.text and kcp.profile.phone in response.text


HOSTILE = "<script>alert('x')</script> \u200b\u200d\ufeff 𝕳𝖆𝖑𝖑𝖔 ﷽ مرحبا =SUM(A1)"


def test_hostile_input_is_stored_as_text_and_shown_escaped(client, kern, kcp):
    client.post(SUBMIT, form_data(kern, title=HOSTILE[:150], description=HOSTILE))
    initiative = Initiative.objects.get()
    assert initiative.description == HOSTILE
    for url in (submitted_tracking_url(client),):
        text = client.get(url).text
        assert "<script>alert" not in text
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in text
    client.force_login(kcp)
    text = client.get(initiative.get_absolute_url()).text
    assert "<script>alert" not in text
    assert "مرحبا" in text  # right-to-left script itself is welcome


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "Plan\u202etxt.exe", "één regel zonder tabs, regeleinden"),
        ("title", "Plan\nmet regeleinde", "één regel zonder tabs, regeleinden"),
        ("title", "Plan\x00nul", "één regel"),
        ("initiator_name", "Els\u2066Peeters", "één regel"),
        ("description", "Eerste regel\nTweede \u202eregel", "onzichtbare stuurtekens"),
        ("description", "Met een \x07bel", "onzichtbare stuurtekens"),
    ],
)
def test_control_and_direction_characters_are_refused_and_nothing_is_stored(
    client, kern, field, value, message
):
    response = client.post(SUBMIT, form_data(kern, **{field: value}))
    assert response.status_code == 200
    assert message in response.text
    assert not Initiative.objects.exists()


def test_a_description_keeps_its_line_breaks(client, kern):
    client.post(SUBMIT, form_data(kern, description="Eerste regel\r\nTweede regel\tmet tab"))
    assert Initiative.objects.get().description.splitlines() == [
        "Eerste regel",
        "Tweede regel\tmet tab",
    ]


# --- tracking ------------------------------------------------------------------------------


def test_the_tracking_page_shows_the_process_and_nothing_internal(client, initiative, kcp):
    from initiatives import services

    services.note_add(initiative=initiative, by=kcp, text="GEHEIME NOTITIE")
    services.initiative_transition(
        initiative=initiative, to_status=Status.FIRST_CONVERSATION, by=kcp, note="INTERN"
    )
    services.initiative_escalate(
        initiative=initiative, level="department", reason="ESCALATIEREDEN", by=kcp
    )
    response = client.get(initiative.get_tracking_url())
    assert response.status_code == 200
    text = response.text
    assert initiative.title in text
    assert kcp.get_full_name() in text
    assert "Eerste gesprek" in text and "Plan uitwerken" in text
    assert "Wat komt er nu?" in text
    assert "de kernwethouder" in text
    for secret in ("GEHEIME NOTITIE", "INTERN", "ESCALATIEREDEN", "geëscaleerd", "Geëscaleerd"):
        assert secret not in text
    assert response["X-Robots-Tag"] == "noindex"


def test_an_unknown_token_is_404(client, initiative):
    for token in (
        "bestaat-niet",
        initiative.tracking_token[:-1],
        initiative.tracking_token.upper(),
        initiative.token_hash,
        "1",
    ):
        assert client.get(reverse("initiatives:track", args=[token])).status_code == 404


def test_a_token_shows_only_its_own_initiative(client, kern):
    mine = InitiativeFactory(title="Mijn plan", kernen=[kern])
    InitiativeFactory(title="Ander plan", kernen=[kern])
    text = client.get(mine.get_tracking_url()).text
    assert "Mijn plan" in text and "Ander plan" not in text


# --- public list, detail and map -----------------------------------------------------------

PERSONAL = ("Els Initiatiefnemer", "els@voorbeeld.example", "06 12345678")


def test_the_public_list_shows_only_public_initiatives_without_personal_data(client, kern):
    shown = InitiativeFactory(title="Zichtbaar", running=True, kernen=[kern])
    InitiativeFactory(title="Privé", running=True, private=True, kernen=[kern])
    InitiativeFactory(title="Nog in behandeling", status=Status.PLAN, kernen=[kern])
    response = client.get(reverse("initiatives:public_list"))
    assert "Zichtbaar" in response.text
    assert "Privé" not in response.text and "Nog in behandeling" not in response.text
    assert shown.tracking_token not in response.text and shown.token_hash not in response.text
    for value in PERSONAL:
        assert value not in response.text
    assert "vendor/leaflet-1.9.4/leaflet.js" in response.text


def test_the_public_list_filters_by_kern_and_theme(client, kern, other_kern):
    InitiativeFactory(title="Groen Egchel", theme="nature", running=True, kernen=[kern])
    InitiativeFactory(title="Sport Egchel", theme="sport", running=True, kernen=[kern])
    InitiativeFactory(title="Groen Beringe", theme="nature", running=True, kernen=[other_kern])
    text = client.get(
        reverse("initiatives:public_list"), {"kern": "egchel", "theme": "nature"}
    ).text
    assert "Groen Egchel" in text
    assert "Sport Egchel" not in text and "Groen Beringe" not in text


def test_public_detail_is_404_for_what_is_not_public(client):
    assert client.get(InitiativeFactory(running=True).get_public_url()).status_code == 200
    for hidden in (InitiativeFactory(running=True, private=True), InitiativeFactory()):
        assert client.get(hidden.get_public_url()).status_code == 404


def geojson(client, **params):
    response = client.get(reverse("initiatives:geojson"), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    return response


def test_the_geojson_places_initiatives_and_holds_only_public_fields(client, kern):
    from decimal import Decimal

    at_kern = InitiativeFactory(running=True, kernen=[kern])
    placed = InitiativeFactory(
        completed=True, kernen=[kern], latitude=Decimal("51.4"), longitude=Decimal("6.1")
    )
    InitiativeFactory(running=True, private=True, kernen=[kern])
    response = geojson(client)
    data = response.json()
    assert data["type"] == "FeatureCollection"
    by_title = {f["properties"]["title"]: f for f in data["features"]}
    assert set(by_title) == {at_kern.title, placed.title}
    assert by_title[at_kern.title]["geometry"]["coordinates"] == [5.98, 51.33]
    assert by_title[placed.title]["geometry"]["coordinates"] == [6.1, 51.4]
    for feature in data["features"]:
        assert set(feature["properties"]) == {
            "title",
            "summary",
            "kernen",
            "theme",
            "status",
            "url",
        }
    raw = response.content.decode()
    for value in (
        *PERSONAL,
        at_kern.tracking_token,
        placed.token_hash,
        "initiator",
        "token",
        "email",
    ):
        assert value not in raw


def test_the_geojson_filters_by_kern(client, kern, other_kern):
    InitiativeFactory(title="In Egchel", running=True, kernen=[kern])
    InitiativeFactory(title="In Beringe", running=True, kernen=[other_kern])
    titles = [f["properties"]["title"] for f in geojson(client, kern="beringe").json()["features"]]
    assert titles == ["In Beringe"]


def test_the_geojson_escapes_hostile_titles(client, kern):
    InitiativeFactory(title="<img src=x onerror=alert(1)>", running=True, kernen=[kern])
    raw = geojson(client).content.decode()
    assert "<img" not in raw
    assert json.loads(raw)["features"][0]["properties"]["title"].startswith("<img")


@pytest.mark.parametrize("url_name", ["initiatives:public_list", "initiatives:geojson"])
def test_public_lists_run_constant_queries(
    client, url_name, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    url = reverse(url_name)
    InitiativeFactory(running=True)
    with django_assert_max_num_queries(10) as one:
        client.get(url)
    # The new rows empty the public page cache once their transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(49):
            InitiativeFactory(running=True, kernen=[KernFactory(), KernFactory()], title=f"P{i}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)
    text = response.content.decode()
    assert all(f"P{i}<" in text or f'"P{i}"' in text for i in range(49))


def test_unknown_filter_values_do_not_break_the_public_pages(client):
    InitiativeFactory(running=True)
    for url in (reverse("initiatives:public_list"), reverse("initiatives:geojson")):
        assert client.get(url, {"kern": "bestaat-niet", "theme": "<x>"}).status_code == 200

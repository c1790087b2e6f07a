"""The roles pages in English: a staff member who chose English (the language cookie the
footer's switch sets) sees the English text of this app and none of its Dutch labels. E-mails
to staff stay in Dutch (the default), whatever language the sender used. The menu and other
apps' panels belong to those apps, so the Dutch checked for here is this app's own."""

import datetime

from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from roles.models import ReviewStatus

from .factories import (
    ClassificationFactory,
    ParticipationRequestFactory,
    QuietPeriodFactory,
    approved_on,
)

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 4, 1, 10, tzinfo=datetime.UTC)


@pytest.fixture
def english_for(client_for):
    def login(user):
        client = client_for(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return login


def page(client, url, data=None):
    response = client.post(url, data) if data is not None else client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    return html


def assert_english(html, present, absent):
    missing = [text for text in present if text not in html]
    left = [text for text in absent if text in html]
    assert not missing, f"English text missing: {missing}"
    assert not left, f"Dutch text left: {left}"


def test_the_role_guide_names_the_three_roles_in_english(english_for, colleague):
    html = page(english_for(colleague), reverse("roles:role_guide"))
    assert_english(
        html,
        [
            "The three roles of the municipality",
            "Red – authoritative government",
            "Blue – rule-driven government",
            "Green – communicative government",
            "leaves its rules at home",
            "Examples:",
            "enforcement",
        ],
        [
            "De drie rollen van de gemeente",
            "autoritaire overheid",
            "regelgestuurde overheid",
            "communicatieve overheid",
            "Voorbeelden:",
            "handhaving",
        ],
    )


ANSWERS = {
    "legal_task": "nee",
    "owner": "community",
    "municipality_decides": "nee",
    "community_leading": "ja",
}


def test_the_rolwijzer_asks_and_suggests_in_english(english_for, kcp, kern):
    request = ParticipationRequestFactory(kernen=[kern])
    url = reverse("roles:classify", args=["roles.participationrequest", request.pk])
    client = english_for(kcp)
    html = page(client, url)
    assert_english(
        html,
        [
            "Is this a statutory task or enforcement?",
            "Who owns the issue?",
            "Does the municipality take the final decision?",
            "Is the community already taking the lead?",
            "Role guide",
            "Suggest a role",
            "Choose a role",
            "Community",
        ],
        [
            "Gaat het om een wettelijke taak",
            "Wie is eigenaar van het vraagstuk?",
            "Neemt de gemeente het eindbesluit?",
            "Rolwijzer",
            "Rol voorstellen",
            "Kies een rol",
            "Gemeenschap<",
        ],
    )
    html = page(client, url, {**ANSWERS, "suggest": ""})
    assert_english(
        html,
        [
            "Role guide's suggestion:</strong>",
            "Green – communicative government",
            "The community owns the",
        ],
        ["Voorstel van de rolwijzer", "De gemeenschap is eigenaar van het vraagstuk"],
    )
    html = page(client, url, {**ANSWERS, "role": "blue", "save": ""})
    assert "You are choosing a different role than the role guide suggests" in html


def test_the_overview_and_heatmap_are_in_english(english_for, regisseur, kern):
    ClassificationFactory(kern=kern, community=True, title="Dorpsplan")
    for day in (1, 2, 3, 4):
        approved_on(kern, timezone.localdate().replace(day=day))
    client = english_for(regisseur)
    html = page(client, reverse("roles:overview"))
    assert_english(
        html,
        [
            "Role overview",
            "Whole municipality",
            "Mix of roles per village",
            "The community is the owner, but the municipality works blue.",
            "Signals: role and ownership clash",
        ],
        [
            "<h1>Rollenoverzicht",
            "Hele gemeente",
            "Mix van rollen",
            "De gemeenschap is eigenaar",
            "werkt blauw",
        ],
    )
    html = page(client, reverse("roles:heatmap"))
    assert_english(
        html,
        ["Participation pressure per village", "4 or more", "Legend:"],
        ["Participatiedruk per kern", "4 of meer", "Legenda:"],
    )


def test_the_request_pages_are_in_english(english_for, requester, pending, kern):
    client = english_for(requester)
    html = page(client, reverse("roles:request_list"))
    assert_english(
        html,
        ["My participation requests", "Egchel: awaiting review", "New request"],
        ["<h1>Mijn participatieverzoeken", "wacht op beoordeling", "Nieuw verzoek"],
    )
    html = page(client, pending.request.get_absolute_url())
    assert_english(
        html,
        ["Review per village", "Drop-in or consultation evening", "Small (one evening or less)"],
        ["Beoordeling per kern", "Inloop- of consultatieavond", "Klein (een avond"],
    )
    html = page(client, reverse("roles:request_create"), {"department": "Wegen"})
    assert_english(
        html,
        ["New participation request", "Village(s)", "Choose at least one village."],
        ["Nieuw participatieverzoek", "Kern(en)", "Kies ten minste één kern."],
    )


@time_machine.travel(NOW, tick=False)
def test_the_review_pages_are_in_english(english_for, kcp, kern, pending):
    QuietPeriodFactory(
        kern=kern,
        start_date=datetime.date(2026, 4, 25),
        end_date=datetime.date(2026, 5, 5),
        reason="Kermis",
    )
    client = english_for(kcp)
    html = page(client, reverse("roles:inbox"))
    assert_english(
        html,
        ["Participation requests to review", "Requests for the villages you are KCP of"],
        ["Te beoordelen participatieverzoeken", "Verzoeken voor de kernen"],
    )
    html = page(client, pending.get_absolute_url())
    assert_english(
        html,
        [
            "Review: Consultatieavond Dorpsstraat (Egchel)",
            "Participation pressure in Egchel",
            "The proposed dates fall in the quiet period “Kermis”",
            "Approved",
            "Postponed",
            "Record decision",
        ],
        [
            "Beoordelen:",
            "Participatiedruk in",
            "stille periode “Kermis”",
            "Goedgekeurd",
            "Uitgesteld",
            "Besluit vastleggen",
        ],
    )
    html = page(client, pending.get_absolute_url(), {"decision": "approved", "reason": "Prima."})
    assert "Approving overrides the participation brake" in html
    html = page(client, reverse("kernen:dashboard"))
    assert_english(
        html,
        ["Participation requests to review", "All requests to review"],
        ["Participatieverzoeken om te beoordelen", "Alle te beoordelen verzoeken"],
    )
    html = page(client, reverse("roles:quiet_list", args=[kern.slug]))
    assert_english(
        html, ["Quiet periods of Egchel", "Add quiet period"], ["Stille perioden van", "Toevoegen<"]
    )


@time_machine.travel(NOW, tick=False)
def test_e_mails_to_staff_stay_dutch_when_the_sender_uses_english(
    english_for, colleague, kcp, kern, pending, django_capture_on_commit_callbacks
):
    data = {
        "kernen": [kern.pk],
        "department": "Openbare Ruimte",
        "subject": "Inloopavond riolering",
        "ask": "Kom langs.",
        "form": "evening",
        "start_date": "2026-05-12",
        "end_date": "2026-05-12",
        "effort": "small",
        "role": "blue",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = english_for(colleague).post(reverse("roles:request_create"), data, follow=True)
    assert "Your request has been filed." in response.content.decode()
    [filed] = mail.outbox
    assert filed.subject == "Nieuw participatieverzoek voor Egchel: Inloopavond riolering"
    assert "wil Egchel betrekken bij" in filed.body and "inloop- of consultatieavond" in filed.body
    assert "wants to involve" not in filed.body and "Beste " in filed.body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = english_for(kcp).post(
            pending.get_absolute_url(),
            {"decision": "declined", "reason": "Te vaak gevraagd."},
            follow=True,
        )
    assert "Your decision (declined) has been recorded" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == ReviewStatus.DECLINED
    [decided] = mail.outbox
    assert decided.subject.startswith("Uw participatieverzoek") and "afgewezen" in decided.subject
    html = decided.alternatives[0][0]
    assert "heeft uw participatieverzoek" in html and "Reden:" in html
    assert "Your participation request" not in decided.subject + decided.body + html

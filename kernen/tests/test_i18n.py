"""The kernen pages in English: a visitor who chose English (the language cookie the footer's
switch sets) sees the English text of this app and none of its Dutch labels; Dutch stays the
default. The menu and other apps' panels on the same pages belong to those apps (so the
Dutch checked for here is this app's own: a heading, not a menu entry of the same words)."""

import datetime

from django.conf import settings
from django.urls import reverse

import pytest
import time_machine

from kernen.models import AgendaItem, CommunityGroup

from .factories import AgendaItemFactory, CommunityGroupFactory, KcpAssignmentFactory

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 4, 1, 10, tzinfo=datetime.UTC)


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    html = response.content.decode()
    assert '<html lang="en">' in html
    return html


def assert_english(html, present, absent):
    missing = [text for text in present if text not in html]
    left = [text for text in absent if text in html]
    assert not missing, f"English text missing: {missing}"
    assert not left, f"Dutch text left: {left}"


@pytest.fixture
def groups(kern):
    CommunityGroupFactory(kern=kern, kind=CommunityGroup.Kind.DORPSOVERLEG, name="Dorpsoverleg E")
    CommunityGroupFactory(kern=kern, kind=CommunityGroup.Kind.ASSOCIATION, name="Harmonie")


def test_the_public_pages_are_in_english(english, kern, kcp, groups):
    html = page(english, reverse("kernen:home"))
    assert_english(
        html,
        ["The villages of our municipality", "village contact person", "Contact person:"],
        ["De kernen van onze gemeente", "Contactpersoon:", " inwoners<", "Kies uw kern"],
    )
    html = page(english, kern.get_public_url())
    assert_english(
        html,
        [
            "Your contact person at the municipality",
            "Groups in Egchel",
            "Primary KCP",
            "Other groups",
            "Association",
            "Dorpsoverleg",  # a proper noun: the community's own meeting
        ],
        [
            "Uw contactpersoon bij de gemeente",
            "Groepen in",
            "Eerste KCP",
            "Andere groepen",
            "Vereniging",
            "Kruimelpad",
        ],
    )


def test_dutch_stays_the_default(client, kern, kcp):
    html = client.get(kern.get_public_url()).content.decode()
    assert '<html lang="nl">' in html
    assert "Uw contactpersoon bij de gemeente" in html and "Eerste KCP" in html


@time_machine.travel(NOW, tick=False)
def test_the_kcp_dashboard_and_agenda_are_in_english(client_for, kcp, kern):
    AgendaItemFactory(
        kern=kern,
        side=AgendaItem.Side.COMMUNITY,
        theme=AgendaItem.Theme.HOUSING,
        status=AgendaItem.Status.PLANNED,
        title="Dorpsfeest",
        start_date=datetime.date(2026, 4, 10),
    )
    AgendaItemFactory(
        kern=kern,
        side=AgendaItem.Side.MUNICIPAL,
        title="Riolering",
        start_date=datetime.date(2026, 4, 20),
    )
    client = client_for(kcp)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = page(client, reverse("kernen:dashboard"))
    assert_english(
        html,
        ["My villages", "You are the primary KCP", "Agenda of my villages, coming 6 weeks"],
        [
            "<h1>Mijn kernen",
            "U bent de eerste KCP",
            "Agenda van mijn kernen",
            "gemeenschapsagenda)",
        ],
    )
    html = page(client, kern.get_absolute_url())
    assert_english(
        html,
        [
            "Village contact persons",
            "The two agendas of Egchel",
            "1 month with items on both agendas",
            "Note: overlap",
            "March 2026",
            "Housing",
            "planned",
            "Public page",
        ],
        [
            "Kerncontactpersonen",
            "De twee agenda's van",
            "maand met punten",
            "Let op: samenloop",
            "maart 2026",
            "Wonen",
            "gepland",
            "Openbare pagina",
            "Inwoners",
        ],
    )


def test_the_agenda_form_and_its_errors_are_in_english(client_for, kcp, kern):
    client = client_for(kcp)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("kernen:agenda_create", args=[kern.slug])
    html = page(client, url)
    assert_english(
        html,
        ["Add agenda item", "Community agenda", "Traffic and roads", "Leave empty if there is no"],
        ["Agendapunt toevoegen", "Gemeenschapsagenda", "Verkeer en wegen", "Leeg laten"],
    )
    data = {
        "side": "community",
        "title": "Markt",
        "theme": "economy",
        "status": "planned",
        "end_date": "2026-05-02",
        "responsible": "Dorpsoverleg",
    }
    html = client.post(url, data).content.decode()
    assert "Enter a start date as well." in html and "Vul ook een begindatum in." not in html
    assert not AgendaItem.objects.exists()


def test_the_digest_preview_and_preferences_are_in_english(client_for, kcp):
    client = client_for(kcp)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = page(client, reverse("kernen:digest_preview"))
    assert_english(
        html,
        ["My summary e-mail", "Save preferences", "Weekly", "Monday", "Only for the weekly"],
        ["<h1>Mijn overzichtsmail", "Voorkeuren opslaan", "Wekelijks", "maandag", "Alleen voor de"],
    )
    response = client.post(
        reverse("kernen:digest_preview"),
        {"digest_frequency": "daily", "digest_weekday": "0"},
        follow=True,
    )
    assert "Your preferences have been saved." in response.content.decode()


def test_the_staff_list_assignment_and_calendar_pages_are_in_english(client_for, regisseur, kern):
    KcpAssignmentFactory(kern=kern, role="backup")
    client = client_for(regisseur)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = page(client, reverse("kernen:list"))
    assert_english(
        html,
        ["All villages", "Search for a village", "(stand-in)", "Village alderman"],
        ["<h1>Alle kernen", "Zoek een kern", "(vervanger)", "Kernwethouder"],
    )
    html = page(client, reverse("kernen:assignment_create", args=[kern.slug]))
    assert_english(html, ["Assign a KCP to Egchel", "Stand-in"], ["KCP toewijzen", "Vervanger"])
    html = page(client, reverse("kernen:calendar_subscribe"))
    # The copy button's message lives in a data attribute, so copy.js needs no Dutch of its own.
    assert_english(
        html,
        ['data-copied-text="The address has been copied."', "Open in calendar app"],
        ["Het adres is gekopieerd.", "Openen in agenda-app", "Kopiëren"],
    )

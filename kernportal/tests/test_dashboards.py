"""Each persona's dashboard: what is coming and what is late, through the apps' panels."""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest

from contacts.tests.factories import ContactMomentFactory, QuestionFactory
from initiatives.tests.factories import InitiativeFactory
from kernen.tests.factories import AgendaItemFactory
from roles.tests.factories import ParticipationRequestFactory

pytestmark = pytest.mark.django_db

URL = reverse("kernen:dashboard")


def _html(client_for, user):
    return client_for(user).get(URL).content.decode()


def test_the_kcp_sees_what_is_coming_and_what_is_late(client_for, kcp, kern):
    soon = timezone.localdate() + datetime.timedelta(days=10)
    AgendaItemFactory(kern=kern, title="Kermis Egchel", start_date=soon)
    AgendaItemFactory(kern=kern, title="Veel later", start_date=soon + datetime.timedelta(days=90))
    ContactMomentFactory(kern=kern, happened_at=timezone.now() + datetime.timedelta(days=3))
    old = timezone.now() - datetime.timedelta(days=40)
    InitiativeFactory(kernen=[kern], title="Jeu de boules-baan", created_at=old)
    InitiativeFactory(kernen=[kern], title="Net binnen")
    QuestionFactory(kern=kern, assigned_to=kcp, late=True)
    html = _html(client_for, kcp)
    assert "Kermis Egchel" in html and "Veel later" not in html
    assert (
        "Komende afspraken in mijn kernen" in html and "Vergadering dorpsoverleg – Egchel" in html
    )
    late_section = html[html.index("Te late initiatieven") :]
    assert "Jeu de boules-baan" in late_section and "Net binnen" not in late_section
    assert "werkdagen te laat" in html


def test_the_regisseur_gets_late_questions_not_you_are_no_kcp(client_for, regisseur, kern):
    QuestionFactory(kern=kern, late=True)
    html = _html(client_for, regisseur)
    assert "geen kerncontactpersoon" not in html
    assert "Mijn overzicht" in html and "Te late vragen in alle kernen" in html
    assert "1 vraag zonder reactie na de termijn" in html


def test_the_wethouder_sees_their_kernen_with_open_initiatives(client_for, wethouder, kern):
    kern.alderman = wethouder
    kern.save()
    InitiativeFactory(kernen=[kern])
    InitiativeFactory(kernen=[kern], running=True)
    InitiativeFactory(kernen=[kern], completed=True)
    html = _html(client_for, wethouder)
    assert "Mijn kernen als kernwethouder" in html
    assert "Egchel</a> – 2 lopende initiatieven" in html


def test_the_medewerker_sees_routed_questions_and_their_participation_requests(
    client_for, colleague, kern
):
    QuestionFactory(kern=kern, routed=True, routed_to=colleague)
    ParticipationRequestFactory(kernen=[kern], requester=colleague, subject="Enquête groen")
    html = _html(client_for, colleague)
    assert "Vraag uit Egchel" in html
    assert "Mijn participatieverzoeken" in html and "Enquête groen" in html
    assert "Egchel – wacht op beoordeling" in html


def test_the_kcp_dashboard_runs_the_same_queries_with_more_rows(
    client_for, kcp, kern, constant_queries
):
    client = client_for(kcp)
    old = timezone.now() - datetime.timedelta(days=40)

    def rows(n):
        for _ in range(n):
            AgendaItemFactory(kern=kern, start_date=timezone.localdate())
            ContactMomentFactory(kern=kern, happened_at=timezone.now() + datetime.timedelta(days=2))
            InitiativeFactory(kernen=[kern], created_at=old)
            QuestionFactory(kern=kern, assigned_to=kcp, late=True)

    rows(1)
    constant_queries(lambda: client.get(URL), lambda: rows(10))


@pytest.mark.parametrize("persona", ["regisseur", "wethouder", "colleague"])
def test_other_dashboards_run_the_same_queries_with_more_rows(
    client_for, kern, constant_queries, request, persona
):
    user = request.getfixturevalue(persona)
    kern.alderman = user
    kern.save()
    client = client_for(user)

    def rows(n):
        for _ in range(n):
            QuestionFactory(kern=kern, late=True, routed=True, routed_to=user)
            InitiativeFactory(kernen=[kern])
            ParticipationRequestFactory(kernen=[kern], requester=user)

    rows(1)
    constant_queries(lambda: client.get(URL), lambda: rows(10))

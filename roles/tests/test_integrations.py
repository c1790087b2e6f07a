"""Agenda items, initiatives and questions can carry a role; the brake sees the community agenda."""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest

from contacts.tests.factories import QuestionFactory
from initiatives.tests.factories import InitiativeFactory
from kernen.role_targets import community_agenda_items
from kernen.tests.factories import AgendaItemFactory
from roles import classifiable, services
from roles.clashes import GREEN_WITH_REQUESTS, load_signals

from .factories import ParticipationRequestFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.mark.parametrize(
    "label", ["kernen.agendaitem", "initiatives.initiative", "contacts.question"]
)
def test_the_other_apps_work_is_classifiable(label):
    assert classifiable.get_by_label(label) is not None


def test_the_brake_sees_the_community_agenda_of_the_period(kern, other_kern):
    AgendaItemFactory(kern=kern, title="Kermis", start_date=D(2026, 9, 5), end_date=D(2026, 9, 8))
    AgendaItemFactory(kern=kern, title="Dorpsfeest", start_date=D(2026, 10, 1))
    AgendaItemFactory(kern=kern, municipal=True, title="Riolering", start_date=D(2026, 9, 10))
    AgendaItemFactory(kern=kern, title="Afgelast", start_date=D(2026, 9, 10), status="cancelled")
    AgendaItemFactory(kern=kern, title="Voorbij", start_date=D(2026, 8, 1))
    AgendaItemFactory(kern=other_kern, title="Elders", start_date=D(2026, 9, 10))
    entries = community_agenda_items(kern, D(2026, 9, 7), D(2026, 10, 1))
    assert entries == [((D(2026, 9, 5), D(2026, 9, 8)), "Kermis"), (D(2026, 10, 1), "Dorpsfeest")]
    assert classifiable.community_agenda(kern, D(2026, 9, 7), D(2026, 10, 1)) == entries


def test_a_kcp_classifies_an_initiative_of_their_kern(client_for, kcp, kern):
    initiative = InitiativeFactory(kernen=[kern], contact_official=kcp, title="Pluktuin")
    url = reverse("roles:classify", args=["initiatives.initiative", initiative.pk])
    client = client_for(kcp)
    assert client.get(url).status_code == 200
    services.classification_set(obj=initiative, role="green", owner="community", user=kcp)
    detail = client.get(initiative.get_absolute_url()).text
    assert "Groen" in detail and "Rol wijzigen" in detail


def test_classifying_goes_through_the_owning_apps_access_check(client_for, other_kcp, kern):
    question = QuestionFactory(kern=kern, text="Mijn buurman parkeert op de stoep")
    initiative = InitiativeFactory(kernen=[kern])
    client = client_for(other_kcp)
    assert (
        client.get(reverse("roles:classify", args=["contacts.question", question.pk])).status_code
        == 404
    )
    response = client.get(reverse("roles:classify", args=["initiatives.initiative", initiative.pk]))
    assert response.status_code in (403, 404)


def test_a_question_is_classified_without_storing_its_text(kcp, kern):
    question = QuestionFactory(kern=kern, text="Mijn buurman parkeert op de stoep")
    [row] = services.classification_set(obj=question, role="red", owner="municipality", user=kcp)
    assert "buurman" not in row.title
    assert kern.name in row.title


def test_a_green_initiative_with_a_participation_request_on_it_signals(kcp, kern):
    initiative = InitiativeFactory(kernen=[kern], title="Dorpsplan")
    services.classification_set(obj=initiative, role="green", owner="community", user=kcp)
    ParticipationRequestFactory(kernen=[kern], subject_object=initiative)
    signals = load_signals(kern)
    assert [(s.kind, s.title) for s in signals] == [(GREEN_WITH_REQUESTS, "Dorpsplan")]


def test_an_agenda_item_links_to_its_role_page_from_the_kern_page(client_for, kcp, kern):
    item = AgendaItemFactory(kern=kern, start_date=timezone.localdate())
    text = client_for(kcp).get(kern.get_absolute_url()).text
    assert reverse("roles:classify", args=["kernen.agendaitem", item.pk]) in text


def test_an_agenda_row_on_the_kern_page_shows_the_chosen_role(client_for, kcp, kern):
    from django.utils import timezone

    from kernen.tests.factories import AgendaItemFactory

    from .factories import ClassificationFactory

    soon = timezone.localdate()
    plan = AgendaItemFactory(kern=kern, title="Dorpsplan", start_date=soon)
    AgendaItemFactory(kern=kern, title="Zonder rol", start_date=soon)
    ClassificationFactory(obj=plan, kern=kern, green=True)
    html = client_for(kcp).get(kern.get_absolute_url()).content.decode()
    row = html[html.index(">Dorpsplan<") : html.index(">Zonder rol<")]
    assert "Groen – communicatieve overheid" in row and "rol wijzigen" in row
    assert "rol bepalen" in html[html.index(">Zonder rol<") :]


def test_role_badges_on_the_agenda_add_no_query_per_row(client_for, kcp, kern, constant_queries):
    from django.utils import timezone

    from kernen.tests.factories import AgendaItemFactory

    from .factories import ClassificationFactory

    client = client_for(kcp)
    ClassificationFactory(
        obj=AgendaItemFactory(kern=kern, start_date=timezone.localdate()), kern=kern
    )

    def more():
        for _ in range(8):
            item = AgendaItemFactory(kern=kern, start_date=timezone.localdate())
            ClassificationFactory(obj=item, kern=kern, red=True)

    constant_queries(lambda: client.get(kern.get_absolute_url()), more)

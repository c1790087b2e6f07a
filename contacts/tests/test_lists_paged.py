"""contacts' other long lists are paged (organisations, late questions, a person's contact
moments): each page is bounded, the next page shows the rest, filters stay in the links. An
organisation has a page of its own, which search results link to."""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from contacts.models import Question
from kernen.tests.factories import CommunityGroupFactory

from .factories import ContactMomentFactory, OrganisationFactory, PersonFactory, QuestionFactory

pytestmark = pytest.mark.django_db

AMS = datetime.timezone(datetime.timedelta(hours=1))
MONDAY = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=AMS)


def _names(response, key):
    return [obj.name for obj in response.context[key]]


def test_the_organisation_list_is_paged_and_keeps_the_search_in_its_links(
    client_for, colleague, monkeypatch
):
    monkeypatch.setattr("contacts.views.ORGANISATIONS_PER_PAGE", 2)
    for name in ("Basisschool De Wilg", "Basisschool Het Anker", "Basisschool Op de Berg"):
        OrganisationFactory(name=name)
    OrganisationFactory(name="Woningcorporatie Peelrand")
    client = client_for(colleague)
    url = reverse("contacts:organisation_list")
    first = client.get(url, {"q": "basisschool"})
    assert _names(first, "organisations") == ["Basisschool De Wilg", "Basisschool Het Anker"]
    assert "?q=basisschool&amp;pagina=2" in first.text
    assert "3 organisaties" in first.text
    second = client.get(url, {"q": "basisschool", "pagina": 2})
    assert _names(second, "organisations") == ["Basisschool Op de Berg"]
    every = client.get(url, {"pagina": 2})
    assert _names(every, "organisations") == ["Basisschool Op de Berg", "Woningcorporatie Peelrand"]


def test_the_organisation_list_runs_the_same_queries_for_more_organisations(
    client_for, colleague, constant_queries
):
    client = client_for(colleague)
    OrganisationFactory()
    response = constant_queries(
        lambda: client.get(reverse("contacts:organisation_list")),
        lambda: [PersonFactory(organisation=OrganisationFactory()) for _ in range(60)],
    )
    assert len(response.context["organisations"]) == 50


def test_the_organisation_page_shows_it_and_links_its_people(client_for, colleague, kcp, kern):
    school = OrganisationFactory(name="Basisschool De Wilg", email="info@dewilg.example")
    PersonFactory.create_batch(2, organisation=school)
    url = school.get_absolute_url()
    text = client_for(colleague).get(url).text
    assert "<h1>Basisschool De Wilg</h1>" in text and "info@dewilg.example" in text
    assert f"?organisation={school.pk}" in text and "2 contactpersonen" in text
    assert reverse("contacts:organisation_edit", args=[school.pk]) not in text  # reads only
    assert reverse("contacts:organisation_edit", args=[school.pk]) in client_for(kcp).get(url).text


def test_the_organisation_page_offers_editing_only_to_the_kcp_of_its_group(
    client_for, kcp, other_kcp, kern
):
    group = OrganisationFactory(community_group=CommunityGroupFactory(kern=kern))
    edit = reverse("contacts:organisation_edit", args=[group.pk])
    assert edit in client_for(kcp).get(group.get_absolute_url()).text
    assert edit not in client_for(other_kcp).get(group.get_absolute_url()).text


def test_the_organisation_page_is_not_for_anonymous_visitors(client):
    response = client.get(OrganisationFactory().get_absolute_url())
    assert response.status_code == 302 and "/inloggen/" in response["Location"]


def test_an_organisation_found_by_search_links_to_its_own_page(client_for, regisseur):
    school = OrganisationFactory(name="Basisschool De Wilg")
    response = client_for(regisseur).get(reverse("contacts:search"), {"q": "Wilg"})
    assert f'href="{school.get_absolute_url()}"' in response.text


def test_saving_an_organisation_shows_its_page(client_for, regisseur):
    school = OrganisationFactory(name="Basisschool De Wilg")
    url = reverse("contacts:organisation_edit", args=[school.pk])
    response = client_for(regisseur).post(url, {"name": "Basisschool De Wilgen", "kind": "school"})
    assert response["Location"] == school.get_absolute_url()


@time_machine.travel(MONDAY, tick=False)
def test_the_late_questions_are_paged_oldest_first(client_for, regisseur, kern, kcp, monkeypatch):
    monkeypatch.setattr("contacts.views.LATE_PER_PAGE", 2)
    late = [
        QuestionFactory(kern=kern, assigned_to=kcp, received_at=MONDAY - datetime.timedelta(days=days))
        for days in (30, 20, 15)
    ]  # fmt: skip
    QuestionFactory(kern=kern, assigned_to=kcp, received_at=MONDAY - datetime.timedelta(days=2))
    client = client_for(regisseur)
    first = client.get(reverse("contacts:late_questions"))
    assert [q.pk for q in first.context["questions"]] == [late[0].pk, late[1].pk]
    assert "3 te late vragen" in first.text
    second = client.get(reverse("contacts:late_questions"), {"pagina": 2})
    assert [q.pk for q in second.context["questions"]] == [late[2].pk]


@pytest.mark.parametrize(
    "today",
    # a Monday, a Friday, Easter Monday (a holiday), King's Day, a Sunday, the turn of the year
    ["2026-11-23", "2026-11-27", "2026-04-06", "2026-04-27", "2026-11-29", "2027-01-04"],
)
def test_the_paged_late_questions_are_exactly_the_late_ones(kern, today):
    """`late_by` (SQL, pageable) and `Question.is_late` (working days, per question) agree for
    questions received on every day and hour of the weeks before."""
    day = datetime.date.fromisoformat(today)
    now = datetime.datetime.combine(day, datetime.time(10), tzinfo=AMS)
    for hours in range(0, 24 * 21, 7):
        QuestionFactory(kern=kern, received_at=now - datetime.timedelta(hours=hours))
    with timezone.override("Europe/Amsterdam"):
        paged = set(Question.objects.late_by(now).values_list("pk", flat=True))
        late = {q.pk for q in Question.objects.all() if q.is_late(timezone.localdate(now))}
    assert paged == late and late


def test_a_persons_contact_moments_are_paged_newest_first(client_for, colleague, kern, monkeypatch):
    monkeypatch.setattr("contacts.views.MOMENTS_PER_PAGE", 2)
    person = PersonFactory(kernen=[kern])
    now = timezone.now()
    moments = [
        ContactMomentFactory(kern=kern, happened_at=now - datetime.timedelta(days=days))
        for days in (1, 2, 3)
    ]
    for moment in moments:
        moment.persons.add(person)
    client = client_for(colleague)
    first = client.get(person.get_absolute_url())
    assert [m.pk for m in first.context["moments"]] == [moments[0].pk, moments[1].pk]
    assert "3 contactmomenten, nieuwste eerst" in first.text
    second = client.get(person.get_absolute_url(), {"pagina": 2})
    assert [m.pk for m in second.context["moments"]] == [moments[2].pk]

"""Search by words; runs on SQLite (icontains) and on PostgreSQL (Dutch full-text search)."""

from django.db import connection

import pytest

from contacts.search import search_all
from kernen.tests.factories import AgendaItemFactory

from .factories import ContactMomentFactory, PersonFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def found(user, query):
    return {group["key"]: group["items"] for group in search_all(user, query)}


def test_it_finds_every_kind_by_words(kern, kcp):
    kern.description = "Kern met een bloeiende carnavalsvereniging."
    kern.save()
    person = PersonFactory(name="Marij Hesen", role="voorzitter carnavalsvereniging")
    moment = ContactMomentFactory(kern=kern, summary="Overleg met de carnavalsvereniging")
    item = AgendaItemFactory(kern=kern, title="Optocht carnavalsvereniging")
    question = QuestionFactory(kern=kern, text="Mag de carnavalsvereniging de straat afsluiten?")
    results = found(kcp, "carnavalsvereniging")
    assert results["kernen"] == [kern]
    assert results["contacts"] == [person]
    assert results["moments"] == [moment]
    assert results["agenda"] == [item]
    assert results["questions"] == [question]


def test_all_words_must_match(kern, kcp):
    ContactMomentFactory(kern=kern, summary="Verkeersveiligheid bij de basisschool")
    ContactMomentFactory(kern=kern, summary="Nieuwe basisschool gepland")
    assert len(found(kcp, "verkeersveiligheid basisschool")["moments"]) == 1
    assert len(found(kcp, "basisschool")["moments"]) == 2
    assert found(kcp, "zwembad")["moments"] == []


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="Dutch stemming needs PostgreSQL")
def test_on_postgresql_dutch_stemming_finds_other_word_forms(kern, kcp):
    AgendaItemFactory(kern=kern, title="Onderhoud van de wegen")
    assert len(found(kcp, "weg")["agenda"]) == 1


def test_a_colleague_does_not_find_questions_that_are_not_theirs(kern, colleague):
    QuestionFactory(kern=kern, text="Geheime speeltuinvraag")
    mine = QuestionFactory(kern=kern, status="routed", routed_to=colleague, text="Speeltuinvraag")
    assert found(colleague, "speeltuinvraag")["questions"] == [mine]


def test_a_wethouder_finds_all_questions(kern, wethouder):
    QuestionFactory(kern=kern, text="Speeltuinvraag")
    assert len(found(wethouder, "speeltuinvraag")["questions"]) == 1

"""Search by words through the registry (kernportal/search.py); runs on SQLite (icontains, parts
of words) and on PostgreSQL (the stored Dutch search vector)."""

from django.db import connection

import pytest

from kernen.tests.factories import AgendaItemFactory
from kernportal.search import search

from .factories import ContactMomentFactory, OrganisationFactory, PersonFactory, QuestionFactory

pytestmark = pytest.mark.django_db

on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite fallback")


def found(user, query):
    return {group.key: group.items for group in search(user, query)}


def test_it_finds_every_kind_by_words(kern, kcp):
    kern.description = "Kern met een bloeiende carnavalsvereniging."
    kern.save()
    person = PersonFactory(name="Marij Hesen", role="voorzitter carnavalsvereniging")
    organisation = OrganisationFactory(name="Carnavalsvereniging De Kieftenbuuk")
    moment = ContactMomentFactory(kern=kern, summary="Overleg met de carnavalsvereniging")
    item = AgendaItemFactory(kern=kern, title="Optocht carnavalsvereniging")
    question = QuestionFactory(kern=kern, text="Mag de carnavalsvereniging de straat afsluiten?")
    results = found(kcp, "carnavalsvereniging")
    assert results["kernen"] == [kern]
    assert results["contacten"] == [person]
    assert results["organisaties"] == [organisation]
    assert results["contactmomenten"] == [moment]
    assert results["agendapunten"] == [item]
    assert results["vragen"] == [question]


def test_all_words_must_match(kern, kcp):
    ContactMomentFactory(kern=kern, summary="Verkeersveiligheid bij de basisschool")
    ContactMomentFactory(kern=kern, summary="Nieuwe basisschool gepland")
    assert len(found(kcp, "verkeersveiligheid basisschool")["contactmomenten"]) == 1
    assert len(found(kcp, "basisschool")["contactmomenten"]) == 2
    assert found(kcp, "zwembad")["contactmomenten"] == []


def test_the_start_of_a_word_finds_it(kern, kcp):
    moment = ContactMomentFactory(kern=kern, summary="Ontmoetingsplek in het dorpshuis")
    assert found(kcp, "dorpsh")["contactmomenten"] == [moment]


@on_sqlite
def test_on_sqlite_a_part_inside_a_word_finds_it(kern, kcp):
    moment = ContactMomentFactory(kern=kern, summary="Ontmoetingsplek in het dorpshuis")
    assert found(kcp, "shuis")["contactmomenten"] == [moment]


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="Dutch stemming needs PostgreSQL")
def test_on_postgresql_dutch_stemming_finds_other_word_forms(kern, kcp):
    AgendaItemFactory(kern=kern, title="Onderhoud van de wegen")
    assert len(found(kcp, "weg")["agendapunten"]) == 1


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the stored vector is PostgreSQL's")
def test_on_postgresql_the_stored_vector_follows_every_write(kern, kcp):
    moment = ContactMomentFactory(kern=kern, summary="Zorgen over de bushalte")
    assert found(kcp, "bushalte")["contactmomenten"] == [moment]
    moment.summary = "Zorgen over de huisarts"
    moment.save()
    assert found(kcp, "bushalte")["contactmomenten"] == []
    assert found(kcp, "huisarts")["contactmomenten"] == [moment]
    type(moment).objects.filter(pk=moment.pk).update(agreements="Wethouder komt langs")
    assert found(kcp, "wethouder")["contactmomenten"] == [moment]


def test_a_name_is_found_as_written(kern, kcp):
    person = PersonFactory(name="Sjoerd Wiersma")
    assert found(kcp, "Wiersma")["contacten"] == [person]


def test_a_colleague_does_not_find_questions_that_are_not_theirs(kern, colleague):
    QuestionFactory(kern=kern, text="Geheime speeltuinvraag")
    mine = QuestionFactory(kern=kern, status="routed", routed_to=colleague, text="Speeltuinvraag")
    assert found(colleague, "speeltuinvraag")["vragen"] == [mine]


def test_a_kcp_of_another_kern_does_not_find_this_kerns_questions(kern, other_kern, kcp, other_kcp):
    QuestionFactory(kern=kern, text="Speeltuinvraag uit Egchel")
    theirs = QuestionFactory(kern=other_kern, text="Speeltuinvraag uit Beringe")
    assert found(other_kcp, "speeltuinvraag")["vragen"] == [theirs]
    assert len(found(kcp, "speeltuinvraag")["vragen"]) == 1


def test_a_wethouder_finds_all_questions(kern, wethouder):
    QuestionFactory(kern=kern, text="Speeltuinvraag")
    assert len(found(wethouder, "speeltuinvraag")["vragen"]) == 1


def test_each_kind_shows_its_first_ten_and_counts_all(kern, kcp):
    for n in range(12):
        ContactMomentFactory(kern=kern, summary=f"Kermisoverleg {n}")
    group = next(g for g in search(kcp, "kermisoverleg") if g.key == "contactmomenten")
    assert (len(group.items), group.count, group.more) == (10, 12, True)

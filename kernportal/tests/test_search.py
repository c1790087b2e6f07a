"""The search page (kernportal/search.py and its views): groups per kind with counts, a paged
page per kind, a constant number of queries whatever the data, the GIN index on PostgreSQL."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from contacts.tests.factories import ContactMomentFactory
from kernportal import search

pytestmark = pytest.mark.django_db


def test_it_shows_the_first_of_each_kind_with_the_count_and_a_link_to_all(kern, kcp, client_for):
    for n in range(12):
        ContactMomentFactory(kern=kern, summary=f"Kermisoverleg nummer {n}")
    text = client_for(kcp).get(reverse("contacts:search"), {"q": "kermisoverleg"}).text
    assert "Contactmomenten (12)" in text
    assert text.count("Kermisoverleg nummer") == 10
    assert reverse("contacts:search_kind", args=["contactmomenten"]) + "?q=kermisoverleg" in text


def test_the_page_of_one_kind_is_paged(kern, kcp, client_for):
    for n in range(30):
        ContactMomentFactory(kern=kern, summary=f"Kermisoverleg nummer {n}")
    url = reverse("contacts:search_kind", args=["contactmomenten"])
    first = client_for(kcp).get(url, {"q": "kermisoverleg"}).text
    second = client_for(kcp).get(url, {"q": "kermisoverleg", "pagina": 2}).text
    assert "Gevonden: 30." in first
    assert first.count("Kermisoverleg nummer") == 25
    assert second.count("Kermisoverleg nummer") == 5
    assert "Pagina 2 van 2" in second


def test_a_kind_the_user_may_not_search_is_not_found(colleague, client_for, monkeypatch):
    hidden = search.Provider(
        key="geheim",
        heading="Geheim",
        template="kernen/search_kern.html",
        order=1,
        fields=("name",),
        may_search=lambda user: False,
        queryset=lambda user: None,
        stored_vector=False,
        also=None,
    )
    monkeypatch.setitem(search._registry, "geheim", hidden)
    client = client_for(colleague)
    assert client.get(reverse("contacts:search_kind", args=["geheim"])).status_code == 404
    assert client.get(reverse("contacts:search_kind", args=["onzin"])).status_code == 404
    assert "Geheim" not in client.get(reverse("contacts:search"), {"q": "dorp"}).text


def test_it_is_for_staff_only(assert_staff_only):
    assert_staff_only(
        [
            reverse("contacts:search") + "?q=dorp",
            reverse("contacts:search_kind", args=["kernen"]) + "?q=dorp",
        ]
    )


def test_words_are_only_word_characters():
    assert search.words("dorps-huis & (kerk) | !plein:*") == ["dorps", "huis", "kerk", "plein"]


# --- Queries: the same on three times the data ------------------------------------------------


def _queries(client, url, params):
    client.get(url, params)  # warm
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize("persona", ["busiest KCP", "gebiedsregisseur", "medewerker", "wethouder"])
@pytest.mark.parametrize(
    ("name", "kwargs"),
    [("contacts:search", {}), ("contacts:search_kind", {"kind": "contactmomenten"})],
)
def test_searching_runs_the_same_queries_on_three_times_the_data(
    scale_data, client, persona, name, kwargs
):
    from django.contrib.auth import get_user_model

    if persona == "busiest KCP":
        user = get_user_model().objects.get(pk=scale_data.busiest_kcp_id)
    else:
        user = scale_data.user(persona)
    client.force_login(user)
    url = reverse(name, kwargs=kwargs)
    params = {"q": "dorpsplan"}
    small = _queries(client, url, params)
    scale_data.grow()
    assert _queries(client, url, params) == small
    # Something matched: the count is not "nothing found, so nothing ran".
    assert sum(group.count for group in search.search(user, "dorpsplan")) > 0


# --- PostgreSQL: the stored vector and its index -----------------------------------------------


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN and tsvector are PostgreSQL's")
def test_on_postgresql_the_moment_search_can_use_the_gin_index(scale_data, regisseur):
    provider = search.provider_for(regisseur, "contactmomenten")
    queryset = search.matching(provider, regisseur, "dorpsplan")
    with connection.cursor() as cursor:
        # Small data makes a sequential scan cheaper; forbid it to see whether the index is
        # usable at all for this query (on the large profile the planner picks it by itself).
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
    assert "contacts_moment_search_idx" in plan, plan
    assert len(queryset) > 0


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_on_postgresql_bulk_inserted_rows_are_searchable(scale_data, regisseur):
    from contacts.models import ContactMoment

    assert not ContactMoment.objects.filter(search_vector__isnull=True).exists()


def test_a_kind_reads_at_most_the_newest_matches_and_says_there_may_be_more(
    kern, kcp, client_for, monkeypatch
):
    monkeypatch.setattr(search, "MAX_FOUND", 5)
    for n in range(7):
        ContactMomentFactory(kern=kern, summary=f"Kermisoverleg nummer {n}")
    group = next(g for g in search.search(kcp, "kermisoverleg") if g.key == "contactmomenten")
    assert (group.count, group.capped) == (5, True)
    text = client_for(kcp).get(reverse("contacts:search"), {"q": "kermisoverleg"}).text
    assert "Contactmomenten (5+)" in text
    assert "voeg een woord toe" in text

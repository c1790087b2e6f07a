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
def test_on_postgresql_the_moment_search_uses_the_gin_index_or_a_bounded_walk(
    scale_data, regisseur
):
    provider = search.provider_for(regisseur, "contactmomenten")
    queryset = search.matching(provider, regisseur, "dorpsplan").matches(10, with_total=True)
    with connection.cursor() as cursor:
        # Small data makes a sequential scan cheaper; forbid it to see whether the indexes are
        # usable at all for this query (on the large profile the planner picks them itself).
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
    # Rare words and the count: the GIN index. Common words: the date index, within a range
    # that ends at the newest PROBE_PER_ROW * 10 moments, never a walk through all of them.
    assert "contacts_moment_search_idx" in plan, plan
    assert "Index Cond: (happened_at >= $" in plan, plan
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


# --- Order: the newest matches first, for rare and common words ------------------------------


@pytest.mark.parametrize(
    ("matching_days", "expected_days"),
    [
        # Every moment matches: the newest 20 hold more than ten; the walk takes the newest.
        (range(1, 31), list(range(30, 20, -1))),
        # Three old moments match: none among the newest, so all matches are sorted (GIN).
        ([1, 2, 3], [3, 2, 1]),
    ],
    ids=["common word", "rare word"],
)
def test_the_first_matches_are_the_newest(kern, kcp, monkeypatch, matching_days, expected_days):
    from datetime import timedelta

    from django.utils import timezone

    monkeypatch.setattr(search, "PROBE_PER_ROW", 2)  # the newest 20 rows hold the first ten
    start = timezone.now() - timedelta(days=40)
    for day in range(1, 31):
        summary = f"Kermisoverleg dag {day}" if day in matching_days else f"Anders dag {day}"
        ContactMomentFactory(kern=kern, summary=summary, happened_at=start + timedelta(days=day))
    group = next(g for g in search.search(kcp, "kermisoverleg") if g.key == "contactmomenten")
    assert [m.summary for m in group.items] == [f"Kermisoverleg dag {d}" for d in expected_days]
    assert group.count == len(matching_days)


def test_the_page_of_one_kind_lists_the_newest_first_on_every_page(kern, kcp, client_for):
    from datetime import timedelta

    from django.utils import timezone

    start = timezone.now() - timedelta(days=40)
    for day in range(1, 31):
        ContactMomentFactory(
            kern=kern, summary=f"Kermisoverleg dag {day}", happened_at=start + timedelta(days=day)
        )
    found = search.matching(search.provider_for(kcp, "contactmomenten"), kcp, "kermisoverleg")
    assert found.count() == 30
    assert [m.summary for m in found[25:30]] == [f"Kermisoverleg dag {d}" for d in (5, 4, 3, 2, 1)]

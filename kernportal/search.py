"""One staff search over every app: a registry that each app fills from its own `search` module.

`kernportal` owns the search page but not the data, so each app registers a provider per kind
of object in its AppConfig.ready(): who may search it and the QuerySet of what that user may
see, scoped by the app's own access rules in the query (never filtered afterwards in Python).
This module adds the match, the order and the bounds:

- PostgreSQL: the table's stored `search_vector` (kept up to date by a trigger, see
  `kernportal.migration_utils.SearchVectorTrigger`, GIN-indexed), matched with a Dutch
  `to_tsquery` in which every word must occur and the last word is a prefix ("dorpsh" finds
  "dorpshuis"). Small tables (kernen, organisations) without a stored vector are matched
  against a vector computed from their fields.
- Other databases (the embedded SQLite default): every word must occur, as part of a word, in
  one of the fields (icontains). Simple and slow on big data, which SQLite is not for.

Matches come in the kind's own order (the newest first), not ranked: ranking means reading
every match, and a common word is in 50,000 of the 500,000 contact moments of the large
profile. How the first matches are found without reading them all: `_postgres_matches`.
Counts stop at MAX_FOUND ("1000+"); past that, more words help more than more pages.

The overview runs one query per kind: its first rows and, in the same query, how many match.
The page of one kind runs two: the count, and the page.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    Func,
    IntegerField,
    OrderBy,
    Q,
    QuerySet,
    Subquery,
    When,
    Window,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThanOrEqual

FIRST = 10
MAX_FOUND = 1000
# A common word's first `upto` matches are looked for among the newest PROBE_PER_ROW * upto
# rows (a word in at least 1 % of them), never among more than PROBE_MAX rows, and only for
# the first WALK_MAX matches (ten pages of 25): deeper pages take the GIN path, since a walk
# that fails there costs more than it saves when it succeeds.
PROBE_PER_ROW = 100
PROBE_MAX = 10_000
WALK_MAX = 250
MAX_WORDS = 8
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Provider:
    key: str
    heading: str
    template: str
    order: int
    fields: tuple[str, ...]
    may_search: Callable
    queryset: Callable
    stored_vector: bool
    also: Callable[[str], Q] | None


@dataclass
class Group:
    provider: Provider
    items: list
    count: int

    @property
    def key(self):
        return self.provider.key

    @property
    def heading(self):
        return self.provider.heading

    @property
    def template(self):
        return self.provider.template

    @property
    def more(self) -> bool:
        return self.count > len(self.items)

    @property
    def capped(self) -> bool:
        """At least MAX_FOUND found: shown as "1000+", ask for more words."""
        return self.count >= MAX_FOUND


_registry: dict[str, Provider] = {}


def register(
    key: str,
    *,
    heading,
    template: str,
    fields: tuple[str, ...],
    may_search: Callable,
    order: int = 100,
    stored_vector: bool = True,
    also: Callable[[str], Q] | None = None,
):
    """Decorate `queryset(user)`, which returns what `user` may find of this kind (scoped in
    the query). `fields` are matched on SQLite and, without a stored vector, on PostgreSQL;
    `also(word)` adds a condition a word may meet instead (e.g. a theme's label)."""

    def decorator(func):
        _registry[key] = Provider(
            key=key,
            heading=heading,
            template=template,
            order=order,
            fields=tuple(fields),
            may_search=may_search,
            queryset=func,
            stored_vector=stored_vector,
            also=also,
        )
        return func

    return decorator


def providers_for(user) -> list[Provider]:
    return sorted((p for p in _registry.values() if p.may_search(user)), key=lambda p: p.order)


def provider_for(user, key: str) -> Provider | None:
    provider = _registry.get(key)
    return provider if provider is not None and provider.may_search(user) else None


def label_matches(field: str, choices):
    """For a provider's `also`: a word that is part of a choice's label finds the rows with
    that choice in `field` ("verkeer" finds the theme Verkeer en vervoer)."""

    def condition(word: str) -> Q:
        codes = [code for code, label in choices if word.lower() in str(label).lower()]
        return Q(**{f"{field}__in": codes})

    return condition


def words(query: str) -> list[str]:
    return _WORD.findall(query.lower())[:MAX_WORDS]


def _tsquery(terms: list[str]):
    from django.contrib.postgres.search import SearchQuery

    # Only word characters reach the raw query, so nothing in it can be an operator.
    raw = " & ".join([*terms[:-1], f"{terms[-1]}:*"])
    return SearchQuery(raw, search_type="raw", config="dutch")


def _past_indexes(ordering):
    """The same order, written so PostgreSQL cannot walk a B-tree index in it: for sorting a
    known, small set of rows (a rare word's matches, a page's rows by primary key). Walking
    the index there, with the match as a filter, reads the whole table for a rare word."""
    result = []
    for item in ordering:
        if isinstance(item, str):
            field = F(item.lstrip("-"))
            expression = Coalesce(field, field)
            result.append(expression.desc() if item.startswith("-") else expression.asc())
        else:
            result.append(item)
    return result


class _CappedCount(Subquery):
    """How many rows a queryset has, counted up to MAX_FOUND, as a scalar subquery. The
    matches are a materialized CTE, so PostgreSQL plans them for full retrieval (through the
    GIN index) and stops reading rows at the limit. Written as a plain LIMIT, the planner
    (which guesses that a prefix matches 2 % of the rows) scanned the whole table for a rare
    word, hoping to meet MAX_FOUND soon: 70 ms for a word found nowhere, now 1 ms."""

    template = (
        "(WITH _matches AS MATERIALIZED (%(subquery)s) "
        "SELECT COUNT(*) FROM (SELECT 1 FROM _matches LIMIT %(limit)s) _found)"
    )
    output_field = IntegerField()

    def __init__(self, queryset):
        super().__init__(queryset.order_by().values("pk"), limit=int(MAX_FOUND))


def _postgres_parts(provider: Provider, user, terms: list[str]):
    """(scope, its order, matches through the GIN index, matches tested row by row)."""
    queryset = provider.queryset(user)
    ordering = queryset.query.order_by or queryset.model._meta.ordering
    tsquery = _tsquery(terms)
    if provider.stored_vector:
        vector = F("search_vector")
        # Coalesce hides the stored vector from the GIN index, so the walk tests it per row.
        walked = Coalesce(vector, vector)
    else:
        from django.contrib.postgres.search import SearchVector

        vector = walked = SearchVector(*provider.fields, config="dutch")

    def matched(alias, expression):
        condition = Q(**{alias: tsquery})
        if provider.also is not None:
            condition |= reduce(and_, (provider.also(word) for word in terms))
        return queryset.alias(**{alias: expression}).filter(condition)

    return queryset, ordering, matched("_search_match", vector), matched("_search_walk", walked)


def _postgres_count(provider: Provider, user, terms: list[str]) -> int:
    queryset, _ordering, through_gin, _walking = _postgres_parts(provider, user, terms)
    if not provider.stored_vector:
        return through_gin.count()
    row = queryset.model._base_manager.annotate(n=_CappedCount(through_gin)).values("n").first()
    return row["n"] if row else 0


def _postgres_matches(
    provider: Provider, user, terms: list[str], upto: int, *, with_total: bool
) -> QuerySet:
    """The first `upto` matches in the kind's order (with `_search_total`, the matches counted
    up to MAX_FOUND, if asked), in one statement with two plans of which PostgreSQL runs one:

    - a common word: the newest PROBE_PER_ROW * `upto` rows of the kind (its order index; at
      most PROBE_MAX) hold `upto` matches, which are then the newest matches: read those rows, test each
      row's vector. A bounded walk, whatever the word and the table;
    - otherwise (a rare word, or one not used lately): every match through the GIN index,
      sorted. Rare, so few; sorting all 50,000 matches of a word in 10 % of the contact
      moments took 40 to 190 ms, which is what the walk avoids.

    A CASE runs only the branch it takes. The count (`_CappedCount`) goes through the GIN
    index and grows with the word's matches: about a millisecond for a rare word, 10 to 20 ms
    for one in 10 to 20 % of 500,000 contact moments. Past WALK_MAX rows, only the GIN path."""
    from django.contrib.postgres.expressions import ArraySubquery

    queryset, ordering, through_gin, walking = _postgres_parts(provider, user, terms)
    if not provider.stored_vector:
        # A small table (kernen, organisations): one pass computes each row's vector once.
        matches = through_gin.order_by(*ordering)
        return matches.annotate(_search_total=Window(Count("pk"))) if with_total else matches
    sorted_ids = ArraySubquery(through_gin.order_by(*_past_indexes(ordering)).values("pk")[:upto])
    leading = _indexed_leading_key(queryset.model, ordering)
    if leading is not None and upto <= WALK_MAX:
        field, descending = leading
        # The newest `rows` rows: those on or before the order key of the last of them.
        # A range on the order index, so the walk ends there whatever the word.
        rows = min(PROBE_PER_ROW * upto, PROBE_MAX)
        edge = queryset.order_by(*ordering).values(field)[rows - 1 :][:1]
        newest = walking.filter(**{f"{field}__{'gte' if descending else 'lte'}": Subquery(edge)})
        walked_ids = ArraySubquery(newest.order_by(*ordering).values("pk")[:upto])
        enough = GreaterThanOrEqual(Func(walked_ids, function="cardinality"), upto)
        ids = Case(When(enough, then=walked_ids), default=sorted_ids)
    else:
        ids = sorted_ids
    # Only the page's rows are read back (by primary key) and sorted.
    matches = queryset.filter(_AnyOf(F("pk"), ids)).order_by(*_past_indexes(ordering))
    return matches.annotate(_search_total=_CappedCount(through_gin)) if with_total else matches


def _indexed_leading_key(model, ordering) -> tuple[str, bool] | None:
    """(field, descending) of an order's first key, if it is a column of `model` that leads a
    B-tree index: only then is a walk in that order bounded (agenda items have none, and
    sorting them all to find the newest took longer than the GIN path)."""
    item = ordering[0] if ordering else None
    if isinstance(item, str):
        field, descending = item.lstrip("-"), item.startswith("-")
    elif isinstance(item, OrderBy) and isinstance(item.expression, F):
        field, descending = item.expression.name, item.descending
    else:
        return None
    if "__" in field:
        return None
    column = model._meta.get_field(field)
    leading = {
        index.fields[0].lstrip("-")
        for index in model._meta.indexes
        if index.fields and index.condition is None
    }
    if column.db_index or column.primary_key or field in leading:
        return field, descending
    return None


class _AnyOf(Func):
    """`pk = ANY(<array>)`: the row is one of the page's."""

    template = "%(expressions)s)"
    arg_joiner = " = ANY("
    output_field = BooleanField()


def _simple_matches(provider: Provider, user, terms: list[str]) -> QuerySet:
    """SQLite: every word in one of the fields, the newest MAX_FOUND in the kind's order."""
    queryset = provider.queryset(user)
    ordering = queryset.query.order_by or queryset.model._meta.ordering
    conditions = []
    for word in terms:
        either = [Q(**{f"{field}__icontains": word}) for field in provider.fields]
        if provider.also is not None:
            either.append(provider.also(word))
        conditions.append(reduce(or_, either))
    newest = queryset.filter(reduce(and_, conditions)).order_by(*ordering)
    return queryset.filter(pk__in=newest.values("pk")[:MAX_FOUND]).order_by(*ordering)


class Found:
    """The matches of one kind for the per-kind page, for `kernportal.pagination.paginate`:
    `count()` counts up to MAX_FOUND (one query), a slice reads one page (one query)."""

    ordered = True

    def __init__(self, provider: Provider, user, query: str):
        self.provider, self.user, self.terms = provider, user, words(query)
        self.postgres = connection.vendor == "postgresql"

    def count(self) -> int:
        if not self.terms:
            return 0
        if self.postgres:
            return _postgres_count(self.provider, self.user, self.terms)
        return _simple_matches(self.provider, self.user, self.terms).count()

    def matches(self, upto: int, *, with_total: bool = False) -> QuerySet:
        if self.postgres:
            return _postgres_matches(
                self.provider, self.user, self.terms, upto, with_total=with_total
            )
        matches = _simple_matches(self.provider, self.user, self.terms)
        return matches.annotate(_search_total=Window(Count("pk"))) if with_total else matches

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        if not self.terms:
            return []
        stop = MAX_FOUND if key.stop is None else min(key.stop, MAX_FOUND)
        return list(self.matches(stop)[key.start or 0 : stop])


def matching(provider: Provider, user, query: str) -> Found:
    """What `user` may see of this kind that matches `query`, in the kind's order (newest
    first): at most MAX_FOUND, to be paged."""
    return Found(provider, user, query)


def first(provider: Provider, user, query: str, *, limit: int = FIRST) -> Group:
    """The first `limit` matches and how many there are (at most MAX_FOUND), in one query."""
    found = Found(provider, user, query)
    if not found.terms:
        return Group(provider, [], 0)
    rows = list(found.matches(limit, with_total=True)[:limit])
    return Group(provider, rows, rows[0]._search_total if rows else 0)


def search(user, query: str, *, limit: int = FIRST) -> list[Group]:
    """A group per kind `user` may search, in order; one query per kind."""
    return [first(provider, user, query, limit=limit) for provider in providers_for(user)]

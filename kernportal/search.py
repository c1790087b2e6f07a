"""One staff search over every app: a registry that each app fills from its own `search` module.

`kernportal` owns the search page but not the data, so each app registers a provider per kind
of object in its AppConfig.ready(): who may search it and the QuerySet of what that user may
see, scoped by the app's own access rules in the query (never filtered afterwards in Python).
This module adds the match, the order and the bounds:

- PostgreSQL: the table's stored `search_vector` (kept up to date by a trigger, see
  `kernportal.migration_utils.SearchVectorTrigger`, GIN-indexed), matched with a Dutch
  `to_tsquery` in which every word must occur and the last word is a prefix ("dorpsh" finds
  "dorpshuis"), ranked. Small tables (kernen, organisations) without a stored vector are
  matched against a vector computed from their fields.
- Other databases (the embedded SQLite default): every word must occur, as part of a word, in
  one of the fields (icontains). Simple and slow on big data, which SQLite is not for.

Each kind runs one query: its first rows and, in the same query, how many match. A kind finds
at most MAX_FOUND (the newest): past that, more words help more than more pages.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import Coalesce

FIRST = 10
MAX_FOUND = 250
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


def words(query: str) -> list[str]:
    return _WORD.findall(query.lower())[:MAX_WORDS]


def _tsquery(terms: list[str]):
    from django.contrib.postgres.search import SearchQuery

    # Only word characters reach the raw query, so nothing in it can be an operator.
    raw = " & ".join([*terms[:-1], f"{terms[-1]}:*"])
    return SearchQuery(raw, search_type="raw", config="dutch")


def _condition(provider: Provider, terms: list[str]) -> tuple[Q, dict, object]:
    """(filter, aliases it needs, tsquery or None) for the terms on this database."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector

        tsquery = _tsquery(terms)
        if provider.stored_vector:
            vector = F("search_vector")
        else:
            vector = SearchVector(*provider.fields, config="dutch")
        condition = Q(_search_match=tsquery)
        if provider.also is not None:
            condition |= reduce(and_, (provider.also(word) for word in terms))
        return condition, {"_search_match": vector}, tsquery
    conditions = []
    for word in terms:
        either = [Q(**{f"{field}__icontains": word}) for field in provider.fields]
        if provider.also is not None:
            either.append(provider.also(word))
        conditions.append(reduce(or_, either))
    return reduce(and_, conditions), {}, None


def _past_indexes(ordering):
    """The same order, written so PostgreSQL cannot walk a B-tree index in it: the planner
    would walk the newest rows hoping to meet the matches soon, and for a rare word (its
    estimate of a prefix is poor) read the whole table. Through the GIN index the cost grows
    with the matches, never with the table."""
    result = []
    for item in ordering:
        if isinstance(item, str):
            field = F(item.lstrip("-"))
            expression = Coalesce(field, field)
            result.append(expression.desc() if item.startswith("-") else expression.asc())
        else:
            result.append(item)
    return result


def matching(provider: Provider, user, query: str) -> QuerySet:
    """What `user` may see of this kind that matches `query`: the newest MAX_FOUND matches
    (in the kind's own order), best first on PostgreSQL. The bound keeps the cost of a common
    word flat: ranking and counting the 50,000 contact moments a common word finds is what made search slow."""
    queryset = provider.queryset(user)
    terms = words(query)
    if not terms:
        return queryset.none()
    condition, aliases, tsquery = _condition(provider, terms)
    ordering = queryset.query.order_by or queryset.model._meta.ordering
    newest = queryset.alias(**aliases).filter(condition)
    newest = newest.order_by(*(_past_indexes(ordering) if tsquery is not None else ordering))
    bounded = queryset.filter(pk__in=newest.values("pk")[:MAX_FOUND])
    if tsquery is None:
        return bounded.order_by(*ordering)
    from django.contrib.postgres.search import SearchRank

    vector = aliases["_search_match"]
    return bounded.annotate(search_rank=SearchRank(vector, tsquery)).order_by(
        "-search_rank", *ordering
    )


def first(provider: Provider, user, query: str, *, limit: int = FIRST) -> Group:
    """The first `limit` matches and how many there are (at most MAX_FOUND), in one query."""
    rows = list(matching(provider, user, query).annotate(_search_total=Window(Count("pk")))[:limit])
    return Group(provider, rows, rows[0]._search_total if rows else 0)


def search(user, query: str, *, limit: int = FIRST) -> list[Group]:
    """A group per kind `user` may search, in order; one query per kind."""
    return [first(provider, user, query, limit=limit) for provider in providers_for(user)]

"""Reading several bounded lists of one table in one query, for pages whose panels each show
the first rows of a different selection (the dashboard), and the names of related rows along
with a list."""

from django.db.models import (
    Aggregate,
    CharField,
    Count,
    F,
    IntegerField,
    JSONField,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, JSONObject, RowNumber


def first_rows_of_each(base: QuerySet, parts: dict) -> dict[str, list]:
    """{name: the first `limit` rows of `selection` in `order`} for parts given as
    {name: (selection, order, limit)}, all selections of `base`'s model, in one query.

    One UNION ALL of a part per selection: each part reads `base`'s rows whose key is among
    the selection's first `limit` keys (a LIMIT subquery, so each selection can walk its own
    index and stops early), numbered in `order` within the part. The result stays bounded
    whatever the data, and no part scans the rows of another. `order` is a list of
    expressions; the primary key breaks ties. A row in several selections is one object in
    each list."""
    queries = []
    for index, (selection, order, limit) in enumerate(parts.values()):
        order = [*order, F("pk").asc()]
        first = selection.order_by(*order).values("pk")[:limit]
        queries.append(
            base.filter(pk__in=first)
            .annotate(
                part_index=Value(index, output_field=IntegerField()),
                part_rank=Window(RowNumber(), order_by=order),
            )
            .order_by()
        )
    rows = list(queries[0].union(*queries[1:], all=True)) if queries else []
    result = {name: [] for name in parts}
    names = list(parts)
    for row in sorted(rows, key=lambda row: (row.part_index, row.part_rank)):
        result[names[row.part_index]].append(row)
    return result


NAMES_SEPARATOR = "\x1f"  # the ASCII unit separator: never in a name typed in a form


class JoinedNames(Aggregate):
    """The values of a text column joined by NAMES_SEPARATOR (PostgreSQL STRING_AGG, SQLite
    GROUP_CONCAT), for showing a few names of related rows without a query of their own.
    The order is not defined: `split_names` sorts."""

    function = "STRING_AGG"
    output_field = CharField()

    def __init__(self, expression, **extra):
        super().__init__(expression, Value(NAMES_SEPARATOR), **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="GROUP_CONCAT", **extra_context)


def names_of(related, field: str, name: str):
    """A subquery: the `name` column of the rows of `related` whose `field` is the outer row,
    joined (see `split_names`)."""
    rows = related.filter(**{field: OuterRef("pk")}).order_by().values(field)
    return Subquery(rows.annotate(names=JoinedNames(name)).values("names")[:1])


def split_names(joined: str | None) -> list[str]:
    return sorted(joined.split(NAMES_SEPARATOR)) if joined else []


class JSONRows(Aggregate):
    """The rows of a group as a JSON array of objects (PostgreSQL JSONB_AGG, SQLite
    JSON_GROUP_ARRAY), from a `JSONObject`: a few related rows read along with a list. The
    order is not defined; values arrive as JSON does (dates as ISO text)."""

    function = "JSONB_AGG"
    output_field = JSONField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra_context)


def rows_of(related, field: str, **columns):
    """A subquery: the rows of `related` whose `field` is the outer row, as a list of dicts
    with `columns` ({key: field path}), or None when there are none."""
    rows = related.filter(**{field: OuterRef("pk")}).order_by().values(field)
    objects = JSONObject(**{key: F(path) for key, path in columns.items()})
    return Subquery(rows.annotate(rows=JSONRows(objects)).values("rows")[:1])


def count_of(related, field: str):
    """A subquery: how many rows of `related` have the outer row as `field` (0 without)."""
    rows = related.filter(**{field: OuterRef("pk")}).order_by().values(field)
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")[:1]), 0)


def sum_of(related, field: str, column: str, output_field=None):
    """A subquery: the sum of `column` over the rows of `related` whose `field` is the outer
    row (0 without). A decimal column needs its `output_field` (the 0 is an integer)."""
    rows = related.filter(**{field: OuterRef("pk")}).order_by().values(field)
    total = Subquery(rows.annotate(total=Sum(column)).values("total")[:1])
    return Coalesce(total, Value(0), output_field=output_field)

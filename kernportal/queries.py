"""Reading several bounded lists of one table in one query, for pages whose panels each show
the first rows of a different selection (the dashboard)."""

from django.db.models import BooleanField, ExpressionWrapper, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber


def first_rows_of_each(base: QuerySet, parts: dict) -> dict[str, list]:
    """{name: the first `limit` rows of `selection` in `order`} for parts given as
    {name: (selection, order, limit)}, all selections of `base`'s model, in one query.

    Each row is numbered within each selection it belongs to (a row number per selection over
    their union), and only rows within some selection's limit are read, so the result stays
    bounded whatever the data. `order` is a list of expressions; the primary key breaks ties.
    A row in several selections is one object in each list."""
    flags = {
        f"in_{name}": ExpressionWrapper(Q(pk__in=selection.values("pk")), BooleanField())
        for name, (selection, _order, _limit) in parts.items()
    }
    ranks = {
        f"rank_{name}": Window(
            RowNumber(), partition_by=[F(f"in_{name}")], order_by=[*order, F("pk").asc()]
        )
        for name, (_selection, order, _limit) in parts.items()
    }
    within = Q()
    for name, (_selection, _order, limit) in parts.items():
        within |= Q(**{f"in_{name}": True, f"rank_{name}__lte": limit})
    any_part = Q()
    for flag in flags:
        any_part |= Q(**{flag: True})
    rows = list(base.annotate(**flags).filter(any_part).annotate(**ranks).filter(within))
    result = {}
    for name, (_selection, _order, limit) in parts.items():
        chosen = [
            row
            for row in rows
            if getattr(row, f"in_{name}") and getattr(row, f"rank_{name}") <= limit
        ]
        result[name] = sorted(chosen, key=lambda row, rank=f"rank_{name}": getattr(row, rank))
    return result

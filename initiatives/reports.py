"""Reads for the staff report pages: leverage of municipal money per kern and per fund, one
year at a time. Leverage counts co-funding only where it was confirmed; what was expected
stands beside it, never mixed in. Every sum is computed by the database: the page's cost does
not grow with the years of data behind it."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    F,
    Func,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import CoFunding, Fund, Grant, Initiative

ZERO = Decimal("0.00")
MONEY = DecimalField(max_digits=14, decimal_places=2)


@dataclass
class LeverageRow:
    name: str
    initiatives: int
    municipal: Decimal
    cofunding_confirmed: Decimal
    cofunding_expected: Decimal
    year: int | None = None

    @property
    def total(self) -> Decimal:
        return self.municipal + self.cofunding_confirmed

    def _ratio(self, cofunding) -> Decimal | None:
        if not self.municipal:
            return None
        return ((self.municipal + cofunding) / self.municipal).quantize(Decimal("0.01"))

    @property
    def leverage(self) -> Decimal | None:
        """All confirmed funding per euro the municipality granted (None: it granted nothing)."""
        return self._ratio(self.cofunding_confirmed)

    @property
    def leverage_expected(self) -> Decimal | None:
        """The same with the co-funding the initiators expected."""
        return self._ratio(self.cofunding_expected)


def _sum(queryset, field: str):
    """A scalar subquery for annotate(): the sum of `field` over `queryset` (correlated with
    OuterRef), zero when it holds no rows. SUM as a plain function, so no GROUP BY is added."""
    total = queryset.order_by().annotate(total=Func(F(field), function="SUM", output_field=MONEY))
    return Coalesce(Subquery(total.values("total")), Value(ZERO), output_field=MONEY)


def _local_year_start(year: int) -> datetime.datetime:
    return datetime.datetime(year, 1, 1, tzinfo=timezone.get_current_timezone())


def counted_in(year: int) -> Q:
    """A filter on `initiative_id` for initiatives with money that count in `year`: the year of
    their first grant, or, without a grant, the year they were submitted in (local time) if
    they have co-funding. Two subqueries, each read through an index (no scan of every
    initiative, which also keeps PostgreSQL's cost estimate, and with it JIT, down)."""
    first_grant_in_year = (
        Grant.objects.order_by()
        .values("initiative_id")
        .annotate(first=Min("decided_at"))
        .filter(first__gte=datetime.date(year, 1, 1), first__lte=datetime.date(year, 12, 31))
        .values("initiative_id")
    )
    submitted_without_grant = (
        Initiative.objects.order_by()
        .filter(created_at__gte=_local_year_start(year), created_at__lt=_local_year_start(year + 1))
        .filter(
            ~Exists(Grant.objects.filter(initiative=OuterRef("pk"))),
            Exists(CoFunding.objects.filter(initiative=OuterRef("pk"))),
        )
        .values("pk")
    )
    return Q(initiative_id__in=first_grant_in_year.union(submitted_without_grant))


def leverage_per_kern(year: int) -> list[LeverageRow]:
    """One row per kern with money counted in `year` (an initiative of several kernen counts
    in each, with all its money), by name. Two grouped queries over the initiatives' kernen,
    one joining the grants and one the co-funding, so that an initiative's grants and its
    co-funding sources never multiply each other; each returns at most a row per kern."""
    counted = Initiative.kernen.through.objects.filter(counted_in(year)).order_by()
    cofunded = {
        kern_id: (expected, confirmed)
        for kern_id, expected, confirmed in counted.values("kern_id")
        .annotate(e=Sum("initiative__cofundings__amount"))
        .annotate(c=Sum("initiative__cofundings__confirmed_amount"))
        .values_list("kern_id", "e", "c")
    }
    kernen = (
        counted.values("kern_id", "kern__name")
        .annotate(
            n=Count("initiative_id", distinct=True),
            municipal=Sum("initiative__grants__amount"),
        )
        .order_by("kern__name", "kern_id")
    )
    return [
        LeverageRow(
            name=row["kern__name"],
            year=year,
            initiatives=row["n"],
            municipal=row["municipal"] or ZERO,
            cofunding_expected=cofunded.get(row["kern_id"], (None, None))[0] or ZERO,
            cofunding_confirmed=cofunded.get(row["kern_id"], (None, None))[1] or ZERO,
        )
        for row in kernen
    ]


def leverage_per_fund(year: int) -> list[LeverageRow]:
    """One row per fund of `year` that granted money: its grants against the co-funding of the
    initiatives it funds (each initiative once, however many grants it got). One query."""
    grants = Grant.objects.filter(fund=OuterRef("pk")).order_by().values("fund")
    cofunding = CoFunding.objects.filter(
        initiative_id__in=Grant.objects.filter(fund=OuterRef(OuterRef("pk"))).values(
            "initiative_id"
        )
    )
    funds = (
        Fund.objects.filter(year=year)
        .annotate(
            n=Subquery(grants.annotate(n=Count("initiative_id", distinct=True)).values("n")),
            municipal=Subquery(grants.annotate(s=Sum("amount")).values("s")),
            expected=_sum(cofunding, "amount"),
            confirmed=_sum(cofunding, "confirmed_amount"),
        )
        .filter(n__gt=0)
        .order_by("name", "pk")
    )
    return [
        LeverageRow(
            name=str(fund),
            initiatives=fund.n,
            municipal=fund.municipal,
            cofunding_confirmed=fund.confirmed,
            cofunding_expected=fund.expected,
        )
        for fund in funds
    ]


def report_years(today: datetime.date) -> list[int]:
    """The years the report can show, newest first: from the first fund or initiative to this
    year (or the last fund's year, when a fund for next year already exists). Two queries."""
    funds = Fund.objects.aggregate(first=Min("year"), last=Max("year"))
    first_submitted = Initiative.objects.aggregate(first=Min("created_at"))["first"]
    first = min(
        year
        for year in (
            funds["first"],
            first_submitted and timezone.localtime(first_submitted).year,
            today.year,
        )
        if year
    )
    last = max(funds["last"] or today.year, today.year)
    return list(range(last, first - 1, -1))


def leverage_report(year: int) -> dict[str, list[LeverageRow]]:
    """Leverage in `year` per kern (an initiative counts in the year of its first grant, or of
    its submission without one; with several kernen it counts in each) and per fund of that
    year (the fund's grants against the co-funding of the initiatives it funds)."""
    return {"kernen": leverage_per_kern(year), "funds": leverage_per_fund(year)}

"""Reads for the staff report pages: leverage of municipal money per kern and year, and per
fund. Leverage counts co-funding only where it was confirmed; what was expected stands beside
it, never mixed in."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Min, Sum
from django.utils import timezone

from kernen.models import Kern

from .models import CoFunding, Fund, Grant, Initiative

ZERO = Decimal("0.00")


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


def _row(name, ids, granted, cofunded, year=None) -> LeverageRow:
    return LeverageRow(
        name=name,
        year=year,
        initiatives=len(ids),
        municipal=sum((granted.get(i, ZERO) for i in ids), ZERO),
        cofunding_confirmed=sum((cofunded.get(i, (ZERO, ZERO))[1] for i in ids), ZERO),
        cofunding_expected=sum((cofunded.get(i, (ZERO, ZERO))[0] for i in ids), ZERO),
    )


def leverage_report() -> dict[str, list[LeverageRow]]:
    """Leverage per kern and year (an initiative counts in the year of its first grant, or of
    its submission without one; with several kernen it counts in each) and per fund (the
    fund's grants against the co-funding of the initiatives it funds). Seven queries."""
    granted = dict(
        Grant.objects.order_by()
        .values("initiative_id")
        .annotate(s=Sum("amount"))
        .values_list("initiative_id", "s")
    )
    cofunded = {
        initiative_id: (expected or ZERO, confirmed or ZERO)
        for initiative_id, expected, confirmed in CoFunding.objects.order_by()
        .values("initiative_id")
        .annotate(e=Sum("amount"), c=Sum("confirmed_amount"))
        .values_list("initiative_id", "e", "c")
    }
    with_money = granted.keys() | cofunded.keys()
    years = {
        pk: first_grant.year if first_grant else timezone.localtime(created_at).year
        for pk, created_at, first_grant in Initiative.objects.filter(pk__in=with_money)
        .annotate(first_grant=Min("grants__decided_at"))
        .values_list("pk", "created_at", "first_grant")
    }

    kern_names = dict(Kern.objects.values_list("pk", "name"))
    by_kern_year = defaultdict(set)
    for initiative_id, kern_id in Initiative.kernen.through.objects.filter(
        initiative_id__in=with_money
    ).values_list("initiative_id", "kern_id"):
        by_kern_year[kern_id, years[initiative_id]].add(initiative_id)
    kernen = [
        _row(kern_names[kern_id], ids, granted, cofunded, year)
        for (kern_id, year), ids in by_kern_year.items()
    ]

    fund_names = {f.pk: str(f) for f in Fund.objects.all()}
    by_fund = defaultdict(dict)
    for fund_id, initiative_id, amount in (
        Grant.objects.order_by()
        .values("fund_id", "initiative_id")
        .annotate(s=Sum("amount"))
        .values_list("fund_id", "initiative_id", "s")
    ):
        by_fund[fund_id][initiative_id] = amount
    funds = [
        _row(fund_names[fund_id], amounts, amounts, cofunded)
        for fund_id, amounts in by_fund.items()
    ]
    return {
        "kernen": sorted(kernen, key=lambda r: (-r.year, r.name)),
        "funds": sorted(funds, key=lambda r: r.name),
    }

"""Reads for the staff report pages: leverage of municipal money per kern and per fund."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from kernen.models import Kern

from .models import CoFunding, Fund, Grant, Initiative

ZERO = Decimal("0.00")


@dataclass
class LeverageRow:
    name: str
    initiatives: int
    municipal: Decimal
    cofunding: Decimal

    @property
    def total(self) -> Decimal:
        return self.municipal + self.cofunding

    @property
    def leverage(self) -> Decimal | None:
        """All funding per euro the municipality granted (None when it granted nothing)."""
        if not self.municipal:
            return None
        return (self.total / self.municipal).quantize(Decimal("0.01"))


def _per_initiative(queryset, field="amount"):
    return dict(
        queryset.order_by()
        .values("initiative_id")
        .annotate(s=Sum(field))
        .values_list("initiative_id", "s")
    )


def leverage_report() -> dict[str, list[LeverageRow]]:
    """Leverage per kern (initiatives with several kernen count in each) and per fund (the
    fund's grants against the co-funding of the initiatives it funds). Six queries."""
    granted = _per_initiative(Grant.objects.all())
    cofunded = _per_initiative(CoFunding.objects.all())

    kern_names = dict(Kern.objects.values_list("pk", "name"))
    by_kern = defaultdict(set)
    for initiative_id, kern_id in Initiative.kernen.through.objects.values_list(
        "initiative_id", "kern_id"
    ):
        if initiative_id in granted or initiative_id in cofunded:
            by_kern[kern_id].add(initiative_id)
    kernen = [
        LeverageRow(
            name=kern_names[kern_id],
            initiatives=len(ids),
            municipal=sum((granted.get(i, ZERO) for i in ids), ZERO),
            cofunding=sum((cofunded.get(i, ZERO) for i in ids), ZERO),
        )
        for kern_id, ids in by_kern.items()
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
        LeverageRow(
            name=fund_names[fund_id],
            initiatives=len(amounts),
            municipal=sum(amounts.values(), ZERO),
            cofunding=sum((cofunded.get(i, ZERO) for i in amounts), ZERO),
        )
        for fund_id, amounts in by_fund.items()
    ]
    return {
        "kernen": sorted(kernen, key=lambda r: r.name),
        "funds": sorted(funds, key=lambda r: r.name),
    }

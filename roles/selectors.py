"""Reads for the management overview and the load heatmap: constant queries for any number of
kernen and items."""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from dateutil.relativedelta import relativedelta

from kernen.models import Kern

from .definitions import ROLES, Role
from .models import Classification, ParticipationReview


@dataclass
class RoleMix:
    label: str
    counts: dict  # role -> count
    url: str = ""
    # The role definitions to show: `resolved_roles()` of this request, so a page of a hundred
    # bars does not translate every colour word again.
    roles: dict = field(default_factory=lambda: ROLES)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @cached_property
    def _segments(self):
        total = self.total
        return [
            (
                self.roles[role],
                self.counts.get(role, 0),
                (100 * self.counts.get(role, 0) / total) if total else 0,
            )
            for role in Role
        ]

    def segments(self):
        """(definition, count, percentage) per role, for the stacked bar."""
        return self._segments


def resolved_roles() -> dict:
    """The role definitions with their words translated once, in the active language."""
    return {
        key: replace(definition, name=str(definition.name), colour=str(definition.colour))
        for key, definition in ROLES.items()
    }


def role_mix(start: date | None, end: date | None) -> tuple[list[RoleMix], RoleMix]:
    """Per kern and municipality-wide: current classifications made in [start, end], by role.
    Two queries. A piece of work that concerns several kernen counts once per kern."""
    rows = (
        Classification.objects.current()
        .in_period(start, end)
        .values("kern_id", "role")
        .annotate(n=Count("pk"))
        .order_by()
    )
    per_kern = defaultdict(dict)
    for row in rows:
        per_kern[row["kern_id"]][row["role"]] = row["n"]
    mixes = []
    total = defaultdict(int)
    roles = resolved_roles()
    for kern in Kern.objects.active().only("pk", "name", "slug"):
        counts = per_kern.get(kern.pk, {})
        for role, n in counts.items():
            total[role] += n
        mixes.append(RoleMix(kern.name, counts, kern.get_absolute_url(), roles))
    return mixes, RoleMix(_("Hele gemeente"), dict(total), roles=roles)


def month_starts(first: date, n: int = 12) -> list[date]:
    first = first.replace(day=1)
    return [first + relativedelta(months=i) for i in range(n)]


def load_heatmap(first_month: date, n: int = 12):
    """[(kern, [(month, count), …]), …]: approved participation requests per kern per month of
    their start date. Two queries."""
    months = month_starts(first_month, n)
    last = months[-1] + relativedelta(months=1, days=-1)
    rows = (
        ParticipationReview.objects.approved()
        .starting_between(months[0], last)
        .annotate(month=TruncMonth("request__start_date"))
        .values("kern_id", "month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {(row["kern_id"], _as_date(row["month"])): row["n"] for row in rows}
    result = []
    for kern in Kern.objects.active().only("pk", "name", "slug"):
        result.append((kern, [(m, counts.get((kern.pk, m), 0)) for m in months]))
    return months, result


def _as_date(value) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value

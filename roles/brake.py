"""The brake on participation: how much a kern was asked, and whether one more is too many."""

from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import relativedelta

from . import classifiable
from .models import BrakeSettings, ParticipationReview, QuietPeriod


def quarter_bounds(day: date) -> tuple[date, date]:
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    return start, start + relativedelta(months=3, days=-1)


@dataclass
class KernLoad:
    kern: object
    today: date
    approved_3_months: int
    approved_12_months: int
    planned: list = field(default_factory=list)  # approved reviews starting in the coming 3 months
    community_agenda: list = field(default_factory=list)
    quiet_periods: list = field(default_factory=list)
    max_per_quarter: int = 3


def kern_load(kern, today: date) -> KernLoad:
    """Approved requests for the kern that started in the last 3 and 12 months (today
    included), approved requests starting in the coming 3 months, the community agenda and
    quiet periods over the same horizon. A constant number of queries."""
    past_12 = today - relativedelta(months=12)
    past_3 = today - relativedelta(months=3)
    ahead = today + relativedelta(months=3)
    approved = list(
        ParticipationReview.objects.approved()
        .filter(kern=kern, request__start_date__gt=past_12, request__start_date__lte=ahead)
        .select_related("request")
        .order_by("request__start_date")
    )
    started = [r for r in approved if r.request.start_date <= today]
    return KernLoad(
        kern=kern,
        today=today,
        approved_3_months=sum(1 for r in started if r.request.start_date > past_3),
        approved_12_months=len(started),
        planned=[r for r in approved if r.request.start_date > today],
        community_agenda=classifiable.community_agenda(kern, past_3, ahead),
        quiet_periods=list(
            QuietPeriod.objects.filter(kern=kern, end_date__gte=past_3, start_date__lte=ahead)
        ),
        max_per_quarter=BrakeSettings.load().max_per_quarter,
    )


@dataclass(frozen=True)
class BrakeCheck:
    approved_in_quarter: int
    max_per_quarter: int
    quiet_periods: tuple

    @property
    def over_threshold(self) -> bool:
        """Approving one more would go over the maximum for the quarter."""
        return self.approved_in_quarter >= self.max_per_quarter

    @property
    def needs_override(self) -> bool:
        return self.over_threshold or bool(self.quiet_periods)


def brake_check(review: ParticipationReview) -> BrakeCheck:
    """Would approving this review pass the brake? Counts approved requests for the same kern
    starting in the calendar quarter of this request's start date, and quiet periods that
    overlap its proposed dates."""
    request = review.request
    start, end = quarter_bounds(request.start_date)
    approved = (
        ParticipationReview.objects.approved()
        .filter(kern_id=review.kern_id)
        .exclude(pk=review.pk)
        .starting_between(start, end)
        .count()
    )
    quiet = QuietPeriod.objects.filter(
        kern_id=review.kern_id,
        start_date__lte=request.end_date,
        end_date__gte=request.start_date,
    )
    return BrakeCheck(approved, BrakeSettings.load().max_per_quarter, tuple(quiet))

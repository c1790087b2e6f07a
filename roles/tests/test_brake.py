import datetime

import pytest
import time_machine

from roles import classifiable
from roles.brake import brake_check, kern_load, quarter_bounds
from roles.models import BrakeSettings

from .factories import (
    ParticipationRequestFactory,
    ParticipationReviewFactory,
    QuietPeriodFactory,
    approved_on,
)

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 6, 15)


@pytest.mark.parametrize(
    ("day", "bounds"),
    [
        (D(2026, 1, 1), (D(2026, 1, 1), D(2026, 3, 31))),
        (D(2026, 6, 30), (D(2026, 4, 1), D(2026, 6, 30))),
        (D(2026, 11, 23), (D(2026, 10, 1), D(2026, 12, 31))),
    ],
)
def test_quarter_bounds(day, bounds):
    assert quarter_bounds(day) == bounds


def test_load_counts_approved_requests_in_the_last_3_and_12_months(kern, other_kern):
    approved_on(kern, TODAY)  # today counts
    approved_on(kern, D(2026, 3, 16))  # first day inside 3 months
    approved_on(kern, D(2026, 3, 15))  # exactly 3 months back: outside, but in 12 months
    approved_on(kern, D(2025, 6, 16))  # first day inside 12 months
    approved_on(kern, D(2025, 6, 15))  # exactly 12 months back: outside
    approved_on(other_kern, TODAY)  # another kern
    ParticipationReviewFactory(kern=kern, request__start_date=TODAY)  # still pending
    ParticipationReviewFactory(kern=kern, request__start_date=TODAY, declined=True)
    load = kern_load(kern, TODAY)
    assert load.approved_3_months == 2
    assert load.approved_12_months == 4


def test_load_lists_what_is_planned_in_the_coming_3_months(kern):
    tomorrow = approved_on(kern, D(2026, 6, 16))
    last_day = approved_on(kern, D(2026, 9, 15))
    approved_on(kern, D(2026, 9, 16))  # beyond the horizon
    assert kern_load(kern, TODAY).planned == [tomorrow, last_day]


@time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False)
def test_the_windows_move_with_time(kern):
    approved_on(kern, D(2026, 3, 16))
    from django.utils import timezone

    assert kern_load(kern, timezone.localdate()).approved_3_months == 1
    with time_machine.travel(datetime.datetime(2026, 6, 16, 12, tzinfo=datetime.UTC)):
        assert kern_load(kern, timezone.localdate()).approved_3_months == 0


def test_load_shows_quiet_periods_and_the_community_agenda_of_the_same_horizon(kern):
    near = QuietPeriodFactory(kern=kern, start_date=D(2026, 8, 1), end_date=D(2026, 8, 5))
    QuietPeriodFactory(kern=kern, start_date=D(2027, 1, 1), end_date=D(2027, 1, 5))

    def agenda(k, start, end):
        return [((start, end), "Dorpsplan")]

    classifiable.register_agenda_source(agenda)
    try:
        load = kern_load(kern, TODAY)
    finally:
        classifiable.unregister_agenda_source(agenda)
    assert load.quiet_periods == [near]
    assert load.community_agenda == [((D(2026, 3, 15), D(2026, 9, 15)), "Dorpsplan")]
    assert load.max_per_quarter == 3


def test_approval_is_over_the_threshold_when_the_quarter_is_full(kern):
    BrakeSettings.objects.update_or_create(pk=1, defaults={"max_per_quarter": 2})
    approved_on(kern, D(2026, 4, 1))
    approved_on(kern, D(2026, 3, 31))  # previous quarter
    review = ParticipationReviewFactory(kern=kern, request__start_date=D(2026, 6, 30))
    assert not brake_check(review).over_threshold
    approved_on(kern, D(2026, 6, 30))
    check = brake_check(review)
    assert (check.approved_in_quarter, check.max_per_quarter) == (2, 2)
    assert check.over_threshold and check.needs_override


@pytest.mark.parametrize(
    ("start", "end", "inside"),
    [
        (D(2026, 8, 30), D(2026, 8, 31), False),
        (D(2026, 8, 30), D(2026, 9, 1), True),
        (D(2026, 9, 7), D(2026, 9, 10), True),
        (D(2026, 9, 8), D(2026, 9, 10), False),
    ],
)
def test_proposed_dates_overlapping_a_quiet_period_need_an_override(kern, start, end, inside):
    QuietPeriodFactory(kern=kern, start_date=D(2026, 9, 1), end_date=D(2026, 9, 7))
    request = ParticipationRequestFactory(start_date=start, end_date=end)
    review = ParticipationReviewFactory(request=request, kern=kern)
    assert brake_check(review).needs_override is inside


def test_brake_settings_is_one_row_with_a_default_of_three():
    assert BrakeSettings.load().max_per_quarter == 3
    BrakeSettings(max_per_quarter=5).save()
    assert BrakeSettings.objects.count() == 1
    assert BrakeSettings.load().max_per_quarter == 5

import datetime as dt

import pytest

from kernportal.workdays import (
    add_working_days,
    is_response_overdue,
    is_working_day,
    response_deadline,
    working_days_between,
)

D = dt.date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 4, 27), False),  # Koningsdag
        (D(2026, 4, 6), False),  # Tweede paasdag
        (D(2026, 5, 14), False),  # Hemelvaartsdag
        (D(2026, 5, 25), False),  # Tweede pinksterdag
        (D(2026, 12, 25), False),  # Eerste kerstdag
        (D(2026, 11, 21), False),  # Saturday
        (D(2026, 11, 23), True),  # an ordinary Monday
    ],
)
def test_it_knows_dutch_holidays_and_weekends(day, expected):
    assert is_working_day(day) is expected


def test_adding_working_days_skips_the_weekend_and_koningsdag():
    assert add_working_days(D(2026, 4, 24), 1) == D(2026, 4, 28)


def test_adding_working_days_skips_christmas():
    assert add_working_days(D(2026, 12, 24), 1) == D(2026, 12, 28)
    assert add_working_days(D(2026, 12, 24), 5) == D(2027, 1, 4)  # 1 January is a holiday too


def test_response_deadlines_are_settings_in_working_days(settings):
    settings.KERNPORTAL_RESPONSE_DEADLINES = {"question": 2, "initiative": 10}
    received = dt.datetime(2026, 4, 23, 10, 0, tzinfo=dt.UTC)  # Thursday
    assert response_deadline(received, "question") == D(
        2026, 4, 28
    )  # Fri, (weekend, Koningsdag), Tue
    assert not is_response_overdue(
        received, "question", dt.datetime(2026, 4, 28, 16, 0, tzinfo=dt.UTC)
    )
    assert is_response_overdue(received, "question", dt.datetime(2026, 4, 29, 8, 0, tzinfo=dt.UTC))


def _working_days_one_by_one(start, end):
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += is_working_day(day)
    return count


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (D(2026, 4, 24), D(2026, 4, 28)),  # over a weekend and Koningsdag
        (D(2026, 12, 24), D(2027, 1, 4)),  # Christmas into the new year
        (D(2016, 3, 1), D(2026, 11, 24)),  # a question waiting for ten years
        (D(2026, 11, 23), D(2026, 11, 23)),
        (D(2026, 11, 24), D(2026, 11, 20)),  # end before start
        (D(2026, 11, 20), D(2026, 11, 22)),  # Friday to Sunday
    ],
)
def test_working_days_between_counts_as_one_by_one_would(start, end):
    assert working_days_between(start, end) == _working_days_one_by_one(start, end)

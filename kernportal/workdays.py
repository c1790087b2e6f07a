"""Working days in the Netherlands: weekends and Dutch public holidays (from `holidays`)."""

from datetime import date, datetime, timedelta
from functools import cache

from django.conf import settings
from django.utils import timezone

import holidays


@cache
def _dutch_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NL", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _dutch_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (start itself does not count)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start). Counted
    by whole weeks and the holidays in between, not day by day: a question that waits for
    years is on lists that show how late it is."""
    if end <= start:
        return 0
    weeks, rest = divmod((end - start).days, 7)
    count = 5 * weeks
    current = start + timedelta(weeks=weeks)
    for _ in range(rest):
        current += timedelta(days=1)
        count += current.weekday() < 5
    for year in range(start.year, end.year + 1):
        count -= sum(1 for day in _dutch_holidays(year) if start < day <= end and day.weekday() < 5)
    return count


def response_deadline(received_at: datetime, kind: str) -> date:
    """When a first response is due, from KERNPORTAL_RESPONSE_DEADLINES (working days)."""
    days = settings.KERNPORTAL_RESPONSE_DEADLINES[kind]
    return add_working_days(timezone.localdate(received_at), days)


def first_day_on_time(kind: str, today: date) -> date:
    """The first day of receipt whose response deadline has not passed on `today`: whatever
    arrived before it is overdue. A deadline never moves back as the day of receipt moves on,
    so one date splits late from on time (what SQL needs to page the late ones)."""
    days = settings.KERNPORTAL_RESPONSE_DEADLINES[kind]
    day = today
    while add_working_days(day - timedelta(days=1), days) >= today:
        day -= timedelta(days=1)
    return day


def is_response_overdue(received_at: datetime, kind: str, now: datetime) -> bool:
    return timezone.localdate(now) > response_deadline(received_at, kind)


def working_days_late(deadline: date, today: date) -> int:
    """Working days past `deadline` on `today` (0 while on time or on the deadline itself)."""
    return working_days_between(deadline, today)


def deadline_text(deadline: date, today: date) -> str:
    """'nog 3 werkdagen', 'vandaag', '2 werkdagen te laat': how a deadline stands today."""
    if today > deadline:
        late = working_days_between(deadline, today)
        if late == 0:  # past the deadline only by a weekend or holiday
            return "termijn verstreken"
        return f"{late} werkdag{'' if late == 1 else 'en'} te laat"
    left = working_days_between(today, deadline)
    if left == 0:
        return "vandaag"
    return f"nog {left} werkdag{'' if left == 1 else 'en'}"

"""The iCalendar feed of a kern: its dated agenda items, plus whatever other apps add.

Apps above `kernen` (contact moments live in `contacts`) register a *feed source* in their
AppConfig.ready(), so `kernen` never imports them. A source is called as
`source(user, kern, now)` and returns `FeedEvent`s the user may see (it checks access itself).
"""

import datetime
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils import timezone

import icalendar

from .models import AgendaItem

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeedEvent:
    uid: str
    summary: str
    start: datetime.date | datetime.datetime
    end: datetime.date | datetime.datetime
    description: str = ""
    path: str = ""  # made absolute by the view


FeedSource = Callable[..., Iterable[FeedEvent]]

# A feed is the whole of a window around today, not of every year behind it: what a calendar
# app shows of a kern stays the same size however long the portal has been in use. Sources
# keep to it with `feed_window(now)`.
FEED_PAST = datetime.timedelta(days=365)
FEED_AHEAD = datetime.timedelta(days=2 * 365)


def feed_window(now) -> tuple[datetime.date, datetime.date]:
    """The first and last day a feed shows on `now`'s date."""
    today = timezone.localdate(now)
    return today - FEED_PAST, today + FEED_AHEAD


_sources: list[FeedSource] = []


def register_feed_source(func: FeedSource) -> FeedSource:
    if func not in _sources:
        _sources.append(func)
    return func


def exclusive_end(last: datetime.date) -> datetime.date:
    """iCalendar's DTEND of an all-day event is the day after its last day; on the last day
    a date can hold (a typo like 31-12-9999 stored before dates were checked) it is clamped."""
    if last >= datetime.date.max:
        return datetime.date.max
    return last + datetime.timedelta(days=1)


def agenda_events(user, kern, now) -> list[FeedEvent]:
    return [
        FeedEvent(
            uid=f"agendaitem-{item.pk}@kernportal",
            summary=f"{item.title} ({item.get_side_display()})",
            start=item.start_date,
            end=exclusive_end(item.last_date),
            description=f"{item.get_status_display()} · {item.responsible}\n{item.description}",
        )
        for item in AgendaItem.objects.filter(kern=kern).between(*feed_window(now))
    ]


def _event(entry: FeedEvent, now, absolute_url) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", now)
    event.add("summary", entry.summary)
    event.add("dtstart", entry.start)
    event.add("dtend", entry.end)
    if entry.description:
        event.add("description", entry.description)
    if entry.path:
        event.add("url", absolute_url(entry.path))
    event.to_ical()  # fails here, for this row only, on a value iCalendar cannot express
    return event


def kern_calendar(user, kern, absolute_url: Callable[[str], str]) -> bytes:
    """The kern's feed for `user` (already authorised for the agenda) as iCalendar bytes."""
    now = timezone.now()
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Kernportal//Agenda//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Kernportal – {kern.name}")
    for source in [agenda_events, *_sources]:
        try:
            entries = list(source(user, kern, now))
        except (OverflowError, ValueError, TypeError):
            # One bad row must not stop the feed for every subscriber: leave this source out.
            logger.exception("Calendar feed of %s: source %s failed", kern.slug, source.__name__)
            continue
        for entry in entries:
            try:
                calendar.add_component(_event(entry, now, absolute_url))
            except (OverflowError, ValueError, TypeError):
                logger.warning("Calendar feed of %s: skipped %s", kern.slug, entry.uid)
    return calendar.to_ical()

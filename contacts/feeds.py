"""Contact moments in a kern's iCalendar feed (a feed source for `kernen.feed`)."""

import datetime

from django.utils import timezone

from kernen.feed import FeedEvent, feed_window, register_feed_source

from . import access
from .models import ContactMoment


def _one_hour_later(start: datetime.datetime) -> datetime.datetime:
    """Clamped at the last moment a datetime can hold, so one absurd row cannot break the feed."""
    try:
        return start + datetime.timedelta(hours=1)
    except OverflowError:
        return start


@register_feed_source
def contact_moments(user, kern, now) -> list[FeedEvent]:
    if not access.can_view_moments(user):
        return []
    first, last = feed_window(now)
    zone = timezone.get_current_timezone()
    moments = ContactMoment.objects.filter(
        kern=kern,
        happened_at__gte=datetime.datetime.combine(first, datetime.time.min, tzinfo=zone),
        happened_at__lte=datetime.datetime.combine(last, datetime.time.max, tzinfo=zone),
    )
    return [
        FeedEvent(
            uid=f"contactmoment-{moment.pk}@kernportal",
            summary=f"{moment.get_kind_display()} – {kern.name}",
            start=moment.happened_at,
            end=_one_hour_later(moment.happened_at),
            path=moment.get_absolute_url(),
        )
        for moment in moments
    ]

"""Contact moments in a kern's iCalendar feed (a feed source for `kernen.feed`)."""

import datetime

from kernen.feed import FeedEvent, register_feed_source

from . import access
from .models import ContactMoment

FEED_HISTORY = datetime.timedelta(days=365)


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
    moments = ContactMoment.objects.filter(kern=kern, happened_at__gte=now - FEED_HISTORY)
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

"""What kernen offers the roles app: agenda items can carry a role, and the community side of
the agenda feeds the participation brake. `roles` finds this module by name at start-up and
passes its registry in, so neither app imports the other for it."""

from django.urls import reverse

from .access import get_agendaitem_for_user
from .models import AgendaItem


def register(registry) -> None:
    registry.register(
        AgendaItem,
        kern_getter=lambda item: item.kern,
        title_getter=lambda item: item.title,
        url_getter=lambda item: reverse("kernen:detail", args=[item.kern.slug]),
        link_getter=lambda pk, kern: reverse("kernen:detail", args=[kern.slug]),
        get_for_user=get_agendaitem_for_user,
    )
    registry.register_agenda_source(community_agenda_items)


def community_agenda_items(kern, start, end):
    """The community side of the kern's agenda that overlaps [start, end], as (period, title)."""
    items = (
        AgendaItem.objects.filter(kern=kern, side=AgendaItem.Side.COMMUNITY, start_date__lte=end)
        .exclude(status=AgendaItem.Status.CANCELLED)
        .order_by("start_date")
    )
    result = []
    for item in items:
        last = item.end_date or item.start_date
        if last >= start:
            period = item.start_date if last == item.start_date else (item.start_date, last)
            result.append((period, item.title))
    return result

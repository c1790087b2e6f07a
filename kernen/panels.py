"""What kernen adds to its own kern page: the two agendas side by side."""

import datetime

from django.utils import timezone

from kernportal.panels import register

from . import access
from .agenda import agenda_items_for, two_agendas, with_shown_badges
from .models import AgendaItem
from .selectors import my_kern_ids

UPCOMING = datetime.timedelta(weeks=6)
# As the dashboard's other lists: the first 10, and a word when there are more.
DASHBOARD_LIMIT = 10


@register("kern_detail", template="kernen/kern_agenda_panel.html", order=5)
def kern_agenda(request, kern, **kwargs):
    user = request.user
    if not access.can_view_agenda(user):
        return None
    return {
        "kern": kern,
        "agenda": with_shown_badges(two_agendas(agenda_items_for(kern))),
        "can_plan": access.can_work_in_kern(user, kern, "kernen.add_agendaitem"),
        "can_edit_agenda": access.can_work_in_kern(user, kern, "kernen.change_agendaitem"),
        # The roles app's permission, asked once rather than per item.
        "can_classify": user.has_perm("roles.add_classification"),
    }


@register("dashboard", template="kernen/dashboard_agenda_panel.html", order=15)
def upcoming_agenda(request, **kwargs):
    """Agenda items of the KCP's kernen in the coming weeks, both agendas."""
    user = request.user
    kern_ids = my_kern_ids(user)
    if not kern_ids or not access.can_view_agenda(user):
        return None
    today = timezone.localdate()
    items = (
        AgendaItem.objects.filter(kern_id__in=kern_ids)
        .between(today, today + UPCOMING)
        .exclude(status=AgendaItem.Status.CANCELLED)
        .select_related("kern")
        .only("title", "side", "start_date", "end_date", "kern__name", "kern__slug")
        .order_by("start_date", "title")[:DASHBOARD_LIMIT]
    )
    return {"items": list(items), "weeks": UPCOMING.days // 7, "limit": DASHBOARD_LIMIT}

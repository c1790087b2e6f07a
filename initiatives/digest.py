"""Reminder digest sections for initiatives. Each runs a fixed number of queries for any
number of users: the KCP scope in one query, the initiatives in one, their kernen in one."""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from kernen.selectors import kcp_kern_ids
from kernportal.digest import DigestItem, register
from kernportal.workdays import is_response_overdue

from .models import Initiative, Status


def is_late(initiative, now) -> bool:
    """The "te laat" rule: a new initiative still without a first response after
    KERNPORTAL_INITIATIVE_DEADLINE_DAYS working days. The digest and the dashboard share it."""
    return initiative.status == Status.RECEIVED and is_response_overdue(
        initiative.created_at, "initiative", now
    )


def idle_days() -> int:
    return settings.KERNPORTAL_IDLE_INITIATIVE_DAYS


def _days(delta) -> str:
    days = delta.days
    return ngettext("%(count)d dag", "%(count)d dagen", days) % {"count": days}


@register(
    "initiatives_waiting",
    title=_("Nieuwe initiatieven die wachten op een eerste reactie"),
    order=30,
    url="initiatives:board",
)
def waiting(users, windows, now):
    user_ids = [u.pk for u in users]
    kcp_kernen = kcp_kern_ids(users, now)
    all_kern_ids = set().union(*kcp_kernen.values()) if kcp_kernen else set()
    initiatives = list(
        Initiative.objects.filter(status=Status.RECEIVED)
        .filter(Q(contact_official_id__in=user_ids) | Q(kernen__in=all_kern_ids))
        .distinct()
        .order_by("created_at")
    )
    kernen_of = defaultdict(set)
    for initiative_id, kern_id in Initiative.kernen.through.objects.filter(
        initiative_id__in=[i.pk for i in initiatives]
    ).values_list("initiative_id", "kern_id"):
        kernen_of[initiative_id].add(kern_id)
    result = {}
    for user_id in user_ids:
        mine = kcp_kernen.get(user_id, set())
        items = [
            DigestItem(
                title=i.title,
                url=reverse("initiatives:detail", args=[i.pk]),
                detail=gettext("wacht al %(days)s op een eerste reactie")
                % {"days": _days(now - i.created_at)},
                when=i.created_at,
                overdue=is_late(i, now),
            )
            for i in initiatives
            if i.contact_official_id == user_id or kernen_of[i.pk] & mine
        ]
        if items:
            result[user_id] = items
    return result


@register(
    "initiatives_idle", title=_("Initiatieven zonder activiteit"), order=40, url="initiatives:board"
)
def idle(users, windows, now):
    user_ids = [u.pk for u in users]
    cutoff = now - timedelta(days=idle_days())
    initiatives = (
        Initiative.objects.open()
        .filter(contact_official_id__in=user_ids, last_activity_at__lt=cutoff)
        .order_by("last_activity_at")
    )
    result = defaultdict(list)
    for i in initiatives:
        result[i.contact_official_id].append(
            DigestItem(
                title=i.title,
                url=reverse("initiatives:detail", args=[i.pk]),
                detail=gettext("%(status)s; %(days)s geen activiteit")
                % {"status": i.get_status_display(), "days": _days(now - i.last_activity_at)},
                when=i.last_activity_at,
                overdue=True,
            )
        )
    return dict(result)

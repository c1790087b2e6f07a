"""Reminder digest sections for initiatives. Both read one query together for any number of
users: only the first initiatives of each user and their totals (window functions), the KCP
scope joined in (an initiative in two of a KCP's kernen counts once)."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Case, F, FilteredRelation, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from kernen.models import current_assignment
from kernen.selectors import kcp_kern_ids
from kernportal.digest import DigestItem, combine, first_rows, register, shared
from kernportal.workdays import is_response_overdue

from .models import OPEN, Initiative, Status


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


def _initiatives(users, now):
    """The first initiatives of each group both sections need, shared within one build:
    waiting ones per contact official and per KCP of one of their kernen (less those the KCP
    is contact official of, counted there), idle ones per contact official."""
    return shared(users, ("initiatives", now), lambda: _read_initiatives(users, now))


def _read_initiatives(users, now):
    ids = [u.pk for u in users]
    kernen = kcp_kern_ids(users, now)
    received, official = Q(status=Status.RECEIVED), Q(contact_official_id__in=ids)
    in_kernen = Q(
        pk__in=Initiative.kernen.through.objects.filter(
            kern_id__in=set().union(*kernen.values()) if kernen else set()
        ).values("initiative_id")
    )
    idle = Q(status__in=OPEN, last_activity_at__lt=now - timedelta(days=idle_days())) & official
    rows = Initiative.objects.only(
        "title", "status", "created_at", "last_activity_at", "contact_official_id"
    ).filter((received & (official | in_kernen)) | idle)
    if len(ids) == 1:
        # One recipient (the preview): the KCP scope is their kernen, no join needed.
        as_kcp = received & in_kernen & ~Q(contact_official_id__in=ids)
        kcp_of, repeated = Value(ids[0]), False
    else:
        # The join reaches the users' assignments, of which `is_kcp` takes the current ones.
        # FilteredRelation on a nested relation takes one condition, and its columns can be
        # used in annotations (the groups) but not in filter(): the WHERE clause narrows the
        # rows by the initiative's own columns and the kernen, the groups sort out the rest.
        rows = rows.annotate(
            kcp=FilteredRelation(
                "kernen__kcp_assignments", condition=Q(kernen__kcp_assignments__user_id__in=ids)
            )
        )
        is_kcp = Q(kcp__isnull=False) & current_assignment(timezone.localdate(now), prefix="kcp__")
        as_kcp = (
            received
            & is_kcp
            & (Q(contact_official_id__isnull=True) | ~Q(kcp__user_id=F("contact_official_id")))
        )
        kcp_of, repeated = F("kcp__user_id"), True
    return first_rows(
        rows,
        ["created_at", "pk"],
        {
            "official": Case(When(received & official, then="contact_official_id")),
            "kcp": Case(When(as_kcp, then=kcp_of)),
            "idle": Case(When(idle, then="contact_official_id")),
        },
        orders={"idle": ["last_activity_at", "pk"]},
        repeated=repeated,
    )


@register(
    "initiatives_waiting",
    title=_("Nieuwe initiatieven die wachten op een eerste reactie"),
    order=30,
    url="initiatives:board",
)
def waiting(users, windows, now):
    parts = _initiatives(users, now)
    result = {}
    for user in users:
        mine = [parts[key] for key in (("official", user.pk), ("kcp", user.pk)) if key in parts]
        if mine:
            result[user.pk] = combine(
                mine, key=lambda i: (i.created_at, i.pk), item=lambda i: _waiting_item(i, now)
            )
    return result


def _waiting_item(initiative, now):
    return DigestItem(
        title=initiative.title,
        url=reverse("initiatives:detail", args=[initiative.pk]),
        detail=gettext("wacht al %(days)s op een eerste reactie")
        % {"days": _days(now - initiative.created_at)},
        when=initiative.created_at,
        overdue=is_late(initiative, now),
    )


@register(
    "initiatives_idle", title=_("Initiatieven zonder activiteit"), order=40, url="initiatives:board"
)
def idle(users, windows, now):
    return {
        user_id: combine([part], item=lambda i: _idle_item(i, now))
        for (name, user_id), part in _initiatives(users, now).items()
        if name == "idle"
    }


def _idle_item(initiative, now):
    return DigestItem(
        title=initiative.title,
        url=reverse("initiatives:detail", args=[initiative.pk]),
        detail=gettext("%(status)s; %(days)s geen activiteit")
        % {
            "status": initiative.get_status_display(),
            "days": _days(now - initiative.last_activity_at),
        },
        when=initiative.last_activity_at,
        overdue=True,
    )

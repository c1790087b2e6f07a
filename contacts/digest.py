"""Digest sections from contacts: follow-ups, questions waiting or routed, upcoming meetings.
Each runs a fixed number of queries for all recipients together."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kernen.models import AgendaItem
from kernen.selectors import kcp_kern_ids
from kernportal.dates import format_date
from kernportal.digest import DigestItem, register
from kernportal.users import holders_among

from .models import ContactMoment, FollowUp, Question, QuestionEscalation

LATE_LIMIT = 100


def _lookahead() -> datetime.timedelta:
    return datetime.timedelta(days=settings.KERNPORTAL_DIGEST_LOOKAHEAD_DAYS)


def _waited(since, now) -> str:
    days = (now - since).days
    if days < 1:
        return _("minder dan een dag")
    return ngettext("%(count)d dag", "%(count)d dagen", days) % {"count": days}


def _from_kern(question) -> str:
    return _("%(kind)s uit %(kern)s") % {
        "kind": question.get_kind_display(),
        "kern": question.kern.name,
    }


@register("followups", title=gettext_lazy("Vervolgacties"), order=10, url="kernen:dashboard")
def followups(users, windows, now):
    today = timezone.localdate(now)
    ids = [u.pk for u in users]
    result = defaultdict(list)
    rows = (
        FollowUp.objects.open()
        .filter(owner_id__in=ids, due_date__lte=today + _lookahead())
        .select_related("contact_moment__kern")
        .overdue_first()
    )
    for f in rows:
        moment = f.contact_moment
        result[f.owner_id].append(
            DigestItem(
                title=f.description,
                url=moment.get_absolute_url(),
                detail=f"{moment.kern.name} · {moment.get_kind_display()}",
                when=f.due_date,
                overdue=f.due_date < today,
            )
        )
    return dict(result)


@register(
    "questions_waiting",
    title=gettext_lazy("Vragen die op een eerste reactie wachten"),
    order=20,
    url="contacts:question_list",
)
def questions_waiting(users, windows, now):
    ids = [u.pk for u in users]
    today = timezone.localdate(now)
    kernen = kcp_kern_ids(users, now)
    all_kern_ids = set().union(*kernen.values()) if kernen else set()
    # Routed questions stay here until the asker hears something: routing is not a response.
    rows = (
        Question.objects.awaiting_response()
        .handled_by(ids, all_kern_ids)
        .select_related("kern")
        .order_by("received_at")
    )
    result = defaultdict(list)
    for q in rows:
        for user_id in ids:
            if q.assigned_to_id == user_id or q.kern_id in kernen.get(user_id, ()):
                result[user_id].append(
                    DigestItem(
                        title=_from_kern(q),
                        url=q.get_absolute_url(),
                        detail=_("wacht al %(waited)s; termijn %(deadline)s, %(text)s")
                        % {
                            "waited": _waited(q.received_at, now),
                            "deadline": format_date(q.deadline),
                            "text": q.deadline_text(today),
                        },
                        when=q.received_at,
                        overdue=q.is_late(today),
                    )
                )
    return dict(result)


@register(
    "questions_escalated",
    title=gettext_lazy("Te late vragen in alle kernen"),
    order=25,
    url="contacts:late_questions",
)
def questions_escalated(users, windows, now):
    """For the gebiedsregisseurs: questions reported to them as late, still without response."""
    receivers = holders_among(users, "contacts.receive_question_escalations")
    if not receivers:
        return {}
    today = timezone.localdate(now)
    rows = list(
        Question.objects.awaiting_response()
        .filter(escalations__level=QuestionEscalation.Level.AREA_DIRECTOR)
        .select_related("kern", "assigned_to")
        .order_by("received_at")[:LATE_LIMIT]
    )
    items = [
        DigestItem(
            title=_from_kern(q),
            url=q.get_absolute_url(),
            detail=_("%(text)s; KCP %(kcp)s")
            % {
                "text": q.deadline_text(today),
                "kcp": q.assigned_to.get_full_name() if q.assigned_to else _("onbekend"),
            },
            when=q.deadline,
            overdue=True,
        )
        for q in rows
    ]
    return dict.fromkeys(receivers, items) if items else {}


@register(
    "questions_routed",
    title=gettext_lazy("Vragen die naar u zijn doorgezet"),
    order=30,
    url="contacts:question_list",
)
def questions_routed(users, windows, now):
    ids = [u.pk for u in users]
    rows = Question.objects.routed_to_users(ids).select_related("kern").order_by("received_at")
    result = defaultdict(list)
    for q in rows:
        result[q.routed_to_id].append(
            DigestItem(
                title=_("Vraag uit %(kern)s") % {"kern": q.kern.name},
                url=q.get_absolute_url(),
                detail=_("ontvangen %(date)s") % {"date": format_date(q.received_at)},
                when=q.received_at,
            )
        )
    return dict(result)


@register(
    "meetings",
    title=gettext_lazy("Komende afspraken in uw kernen"),
    order=40,
    url="kernen:dashboard",
)
def meetings(users, windows, now):
    ids = [u.pk for u in users]
    today = timezone.localdate(now)
    horizon = today + _lookahead()
    kernen = kcp_kern_ids(users, now)
    all_kern_ids = set().union(*kernen.values()) if kernen else set()
    moments = (
        ContactMoment.objects.filter(
            kern_id__in=all_kern_ids,
            happened_at__gte=now,
            happened_at__lt=now + _lookahead(),
        )
        .select_related("kern")
        .order_by("happened_at")
    )
    items = (
        AgendaItem.objects.filter(
            kern_id__in=all_kern_ids, start_date__gte=today, start_date__lte=horizon
        )
        .select_related("kern")
        .exclude(status=AgendaItem.Status.CANCELLED)
    )
    per_kern = defaultdict(list)
    for m in moments:
        per_kern[m.kern_id].append(
            DigestItem(
                title=f"{m.get_kind_display()} – {m.kern.name}",
                url=m.get_absolute_url(),
                when=m.happened_at,
            )
        )
    for a in items:
        per_kern[a.kern_id].append(
            DigestItem(
                title=f"{a.title} – {a.kern.name}",
                url=reverse("kernen:detail", args=[a.kern.slug]),
                detail=a.get_side_display(),
                when=a.start_date,
            )
        )
    result = {}
    for user_id in ids:
        entries = [e for k in kernen.get(user_id, ()) for e in per_kern.get(k, [])]
        if entries:
            result[user_id] = sorted(entries, key=_sort_key)
    return result


def _sort_key(item):
    when = item.when
    if isinstance(when, datetime.datetime):
        return timezone.localdate(when), timezone.localtime(when).time()
    return when, datetime.time.min

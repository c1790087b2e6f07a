"""Digest sections from contacts: follow-ups, questions waiting or routed, upcoming meetings.
Each reads only the first items per user (or per kern) and counts the rest in SQL, in a fixed
number of queries for all recipients together; the two question sections share one."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db.models import Case, Q, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kernen.models import AgendaItem
from kernen.selectors import kcp_kern_ids
from kernportal.dates import format_date
from kernportal.digest import (
    DigestItem,
    Part,
    combine,
    first_rows,
    first_rows_by_kern,
    register,
    shared,
)
from kernportal.users import holders_among

from .models import ContactMoment, FollowUp, Question, QuestionEscalation, awaiting_response

# What the items show: the rows a section ranks are read without their long texts.
FOLLOWUP_FIELDS = (
    "description",
    "due_date",
    "owner_id",
    "contact_moment__kind",
    "contact_moment__kern__name",
)
QUESTION_FIELDS = (
    "kind",
    "status",
    "received_at",
    "first_response_at",
    "assigned_to_id",
    "routed_to_id",
    "kern__name",
)


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


def _by_received(question):
    return question.received_at, question.pk


@register("followups", title=gettext_lazy("Vervolgacties"), order=10, url="kernen:dashboard")
def followups(users, windows, now):
    today = timezone.localdate(now)
    rows = (
        FollowUp.objects.open()
        .filter(owner_id__in=[u.pk for u in users], due_date__lte=today + _lookahead())
        .select_related("contact_moment__kern")
        .only(*FOLLOWUP_FIELDS)
    )
    # Overdue first, as FollowUpQuerySet.overdue_first orders them.
    parts = first_rows(rows, ["due_date", "pk"], {"owner": "owner_id"}, single=len(users) == 1)
    return {
        owner_id: combine([part], item=lambda f: _followup_item(f, today))
        for (_name, owner_id), part in parts.items()
    }


def _followup_item(followup, today):
    moment = followup.contact_moment
    return DigestItem(
        title=followup.description,
        url=moment.get_absolute_url(),
        detail=f"{moment.kern.name} · {moment.get_kind_display()}",
        when=followup.due_date,
        overdue=followup.due_date < today,
    )


def _questions(users, now):
    """The first questions of every group both question sections need, in one query for both:
    waiting ones per kern of the users' kernen, waiting ones assigned to a user per (user,
    kern), routed ones per user they were routed to. Shared within one build."""
    return shared(users, ("contacts.questions", now), lambda: _read_questions(users, now))


def _read_questions(users, now):
    ids = [u.pk for u in users]
    kernen = kcp_kern_ids(users, now)
    all_kern_ids = set().union(*kernen.values()) if kernen else set()
    waiting = awaiting_response()
    in_kernen, assigned = Q(kern_id__in=all_kern_ids), Q(assigned_to_id__in=ids)
    routed = Q(status=Question.Status.ROUTED, routed_to_id__in=ids)
    rows = (
        Question.objects.filter((waiting & (in_kernen | assigned)) | routed)
        .select_related("kern")
        .only(*QUESTION_FIELDS)
    )
    return first_rows(
        rows,
        ["received_at", "pk"],
        {
            "kern": Case(When(waiting & in_kernen, then="kern_id")),
            "assigned": [Case(When(waiting & assigned, then="assigned_to_id")), "kern_id"],
            "routed": Case(When(routed, then="routed_to_id")),
        },
    )


@register(
    "questions_waiting",
    title=gettext_lazy("Vragen die op een eerste reactie wachten"),
    order=20,
    url="contacts:question_list",
)
def questions_waiting(users, windows, now):
    """Routed questions stay here until the asker hears something: routing is not a response.
    A user's questions are those of their kernen plus those assigned to them elsewhere."""
    today = timezone.localdate(now)
    kernen = kcp_kern_ids(users, now)
    parts = _questions(users, now)
    elsewhere = defaultdict(list)
    for (name, key), part in parts.items():
        if name == "assigned" and key[1] not in kernen.get(key[0], ()):
            elsewhere[key[0]].append(part)
    result = {}
    for user in users:
        mine = [parts[("kern", k)] for k in kernen.get(user.pk, ()) if ("kern", k) in parts]
        mine += elsewhere.get(user.pk, [])
        if mine:
            result[user.pk] = combine(
                mine, key=_by_received, item=lambda q: _waiting_item(q, now, today)
            )
    return result


def _waiting_item(question, now, today):
    return DigestItem(
        title=_from_kern(question),
        url=question.get_absolute_url(),
        detail=_("wacht al %(waited)s; termijn %(deadline)s, %(text)s")
        % {
            "waited": _waited(question.received_at, now),
            "deadline": format_date(question.deadline),
            "text": question.deadline_text(today),
        },
        when=question.received_at,
        overdue=question.is_late(today),
    )


@register(
    "questions_escalated",
    title=gettext_lazy("Te late vragen in alle kernen"),
    order=25,
    url="contacts:late_questions",
)
def questions_escalated(users, windows, now):
    """For the gebiedsregisseurs: questions reported to them as late, still without response.
    The same first items and total for each of them; a question reported twice counts once."""
    receivers = holders_among(users, "contacts.receive_question_escalations")
    if not receivers:
        return {}
    today = timezone.localdate(now)
    rows = (
        Question.objects.awaiting_response()
        .filter(escalations__level=QuestionEscalation.Level.AREA_DIRECTOR)
        .select_related("kern", "assigned_to")
    )
    part = first_rows(rows, ["received_at", "pk"], {"all": []}, repeated=True).get(("all", ()))
    if part is None:
        return {}
    items = combine([part], item=lambda q: _escalated_item(q, today))
    return dict.fromkeys(receivers, items)


def _escalated_item(question, today):
    return DigestItem(
        title=_from_kern(question),
        url=question.get_absolute_url(),
        detail=_("%(text)s; KCP %(kcp)s")
        % {
            "text": question.deadline_text(today),
            "kcp": question.assigned_to.get_full_name() if question.assigned_to else _("onbekend"),
        },
        when=question.deadline,
        overdue=True,
    )


@register(
    "questions_routed",
    title=gettext_lazy("Vragen die naar u zijn doorgezet"),
    order=30,
    url="contacts:question_list",
)
def questions_routed(users, windows, now):
    parts = _questions(users, now)
    return {
        user_id: combine([part], item=_routed_item)
        for (name, user_id), part in parts.items()
        if name == "routed"
    }


def _routed_item(question):
    return DigestItem(
        title=_("Vraag uit %(kern)s") % {"kern": question.kern.name},
        url=question.get_absolute_url(),
        detail=_("ontvangen %(date)s") % {"date": format_date(question.received_at)},
        when=question.received_at,
    )


@register(
    "meetings",
    title=gettext_lazy("Komende afspraken in uw kernen"),
    order=40,
    url="kernen:dashboard",
)
def meetings(users, windows, now):
    """Contact moments and agenda items ahead in each user's kernen: the first of each kern
    (or of a single recipient's kernen) of both kinds, merged per user in time order."""
    today = timezone.localdate(now)
    horizon = today + _lookahead()
    kernen = kcp_kern_ids(users, now)
    all_kern_ids = set().union(*kernen.values()) if kernen else set()
    if not all_kern_ids:
        return {}
    moments = (
        ContactMoment.objects.filter(
            kern_id__in=all_kern_ids, happened_at__gte=now, happened_at__lt=now + _lookahead()
        )
        .select_related("kern")
        .only("kind", "happened_at", "kern__name")
    )
    items = (
        AgendaItem.objects.filter(
            kern_id__in=all_kern_ids, start_date__gte=today, start_date__lte=horizon
        )
        .exclude(status=AgendaItem.Status.CANCELLED)
        .select_related("kern")
        .only("title", "side", "start_date", "kern__name", "kern__slug")
    )
    parts = defaultdict(list)
    for user_id, mine in first_rows_by_kern(moments, ["happened_at", "pk"], kernen).items():
        parts[user_id] += [Part([_moment_item(m) for m in p.rows], p.total) for p in mine]
    for user_id, mine in first_rows_by_kern(items, ["start_date", "title", "pk"], kernen).items():
        parts[user_id] += [Part([_agenda_item(a) for a in p.rows], p.total) for p in mine]
    return {user_id: combine(mine, key=_sort_key) for user_id, mine in parts.items()}


def _moment_item(moment):
    return DigestItem(
        title=f"{moment.get_kind_display()} – {moment.kern.name}",
        url=moment.get_absolute_url(),
        when=moment.happened_at,
    )


def _agenda_item(item):
    return DigestItem(
        title=f"{item.title} – {item.kern.name}",
        url=reverse("kernen:detail", args=[item.kern.slug]),
        detail=item.get_side_display(),
        when=item.start_date,
    )


def _sort_key(item):
    when = item.when
    if isinstance(when, datetime.datetime):
        return timezone.localdate(when), timezone.localtime(when).time()
    return when, datetime.time.min

"""What contacts adds to the kern page, the public kern page, an agenda item and the dashboard."""

import datetime
from collections import defaultdict

from django.db.models import F
from django.utils import timezone

from kernen.models import group_sections
from kernportal.panels import register, register_counts
from kernportal.queries import count_of, first_rows_of_each

from . import access
from .forms import AgendaItemMomentsForm
from .models import ContactMoment, FollowUp, Membership, Question

TIMELINE_LENGTH = 10
MEMBERS_LIMIT = 200
# Each dashboard list shows this many, the most urgent first (the question list has the rest).
DASHBOARD_LIMIT = 10
UPCOMING = datetime.timedelta(weeks=6)
LATE_SHOWN = 10
# The columns the dashboard's question lists show (and their deadlines need).
QUESTION_SHOWN = (
    "kind",
    "status",
    "received_at",
    "first_response_at",
    "routed_to",
    "kern__name",
)
LATE_SCAN = 500


@register("kern_detail", template="contacts/kern_detail_panel.html", order=10)
def kern_detail(request, kern, **kwargs):
    user = request.user
    if not access.can_view_moments(user):
        return None
    moments = list(
        ContactMoment.objects.filter(kern=kern)
        .only("kern", "happened_at", "kind", "summary")
        .with_followups()
        .order_by("-happened_at", "-pk")[:TIMELINE_LENGTH]
    )
    open_questions = getattr(kern, "open_question_count", None)
    if open_questions is None:
        open_questions = _open_questions(user).filter(kern=kern).count()
    return {
        "kern": kern,
        "moments": moments,
        "open_questions": open_questions,
        "can_log": access.can_work_in_kern(user, kern, "contacts.add_contactmoment"),
        "can_ask": access.can_ask_internal(user),
        "today": timezone.localdate(),
    }


def _open_questions(user):
    return Question.objects.open().visible_to(user, access.my_kern_ids(user))


@register_counts("kern_detail")
def kern_detail_counts(request):
    if not access.can_view_moments(request.user):
        return {}
    return {"open_question_count": count_of(_open_questions(request.user), "kern")}


@register("kern_detail", template="contacts/kern_members_panel.html", order=1)
def kern_members(request, kern, **kwargs):
    """Each group of the kern with its current members, role and since when; the dorpsoverleg
    and the dorpsraad apart, because they play different parts."""
    if not request.user.has_perm("contacts.view_membership"):
        return None
    memberships = (
        Membership.objects.current()
        .filter(group__kern=kern, group__is_active=True)
        .select_related("person", "group")
        .order_by("group__name", "start_date", "person__name")[:MEMBERS_LIMIT]
    )
    by_group = defaultdict(list)
    for membership in memberships:
        by_group[membership.group].append(membership)
    sections = [
        (label, [(group, by_group[group]) for group in groups])
        for label, groups in group_sections(by_group)
    ]
    return {"kern": kern, "sections": sections}


@register("agendaitem", template="contacts/agendaitem_moments_panel.html", order=10)
def agendaitem_moments(request, item, kern, **kwargs):
    """The contact moments an agenda item was discussed in, editable by who may link them."""
    user = request.user
    if not access.can_view_moments(user):
        return None
    can_link = access.can_link_agenda(user, kern)
    form = None
    if can_link:
        linked = list(item.contact_moments.all())
        form = AgendaItemMomentsForm(kern=kern, initial={"contact_moments": linked}, linked=linked)
    return {
        "item": item,
        "moments": list(item.contact_moments.order_by("-happened_at")[:TIMELINE_LENGTH]),
        "form": form,
    }


@register("kern_public", template="contacts/kern_public_panel.html", order=10)
def kern_public(request, kern, **kwargs):
    return {"kern": kern}


@register("dashboard", template="contacts/dashboard_panel.html", order=10)
def dashboard(request, **kwargs):
    """Follow-ups, questions waiting for me with their deadlines, questions routed to me and
    the contact moments planned in my kernen."""
    user = request.user
    if not access.can_view_followups(user):
        return None
    now = timezone.now()
    kern_ids = access.handling_kern_ids(user)
    followups = list(
        FollowUp.objects.open()
        .filter(owner=user)
        .select_related("contact_moment__kern")
        .only("description", "due_date", "contact_moment__kern__name")
        .overdue_first()[:DASHBOARD_LIMIT]
    )
    # Both question lists in one query, each bounded on its own.
    oldest_first = [F("received_at").asc()]
    questions = first_rows_of_each(
        Question.objects.select_related("kern").only(*QUESTION_SHOWN),
        {
            "waiting": (
                Question.objects.awaiting_response().handled_by([user.pk], kern_ids),
                oldest_first,
                DASHBOARD_LIMIT,
            ),
            "routed": (
                Question.objects.routed_to_users([user.pk]),
                oldest_first,
                DASHBOARD_LIMIT,
            ),
        },
    )
    meetings = ContactMoment.objects.filter(
        kern_id__in=kern_ids, happened_at__gte=now, happened_at__lt=now + UPCOMING
    )
    return {
        "followups": followups,
        "waiting": questions["waiting"],
        "routed": questions["routed"],
        "meetings": list(
            meetings.select_related("kern")
            .only("happened_at", "kind", "kern__name")
            .order_by("happened_at")[:DASHBOARD_LIMIT]
        )
        if kern_ids
        else None,
        "weeks": UPCOMING.days // 7,
        "today": timezone.localdate(now),
        "limit": DASHBOARD_LIMIT,
    }


@register("dashboard", template="contacts/dashboard_late_panel.html", order=5)
def late_questions(request, **kwargs):
    """Late questions across all kernen, for the gebiedsregisseur and the wethouder."""
    if not request.user.has_perm("contacts.view_late_questions"):
        return None
    late = (
        Question.objects.select_related("kern", "assigned_to")
        .prefetch_related("escalations")
        .late(timezone.now(), limit=LATE_SCAN)
    )
    return {"late": late[:LATE_SHOWN], "late_count": len(late), "scan_limit": LATE_SCAN}

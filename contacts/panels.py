"""What contacts adds to the kern page, the public kern page and the dashboard."""

from django.db.models import Q
from django.utils import timezone

from kernen.agenda import agenda_items_for, two_agendas
from kernportal.panels import register

from . import access
from .models import ContactMoment, FollowUp, Question

TIMELINE_LENGTH = 10


@register("kern_detail", template="contacts/kern_detail_panel.html", order=10)
def kern_detail(request, kern, **kwargs):
    user = request.user
    if not user.has_perm("contacts.view_contactmoment"):
        return None
    moments = list(
        ContactMoment.objects.filter(kern=kern)
        .select_related("created_by")
        .prefetch_related("followups__owner")[:TIMELINE_LENGTH]
    )
    open_questions = (
        Question.objects.open().filter(kern=kern).visible_to(user, access.my_kern_ids(user)).count()
    )
    return {
        "kern": kern,
        "moments": moments,
        "agenda": two_agendas(agenda_items_for(kern)),
        "open_questions": open_questions,
        "can_log": access.can_work_in_kern(user, kern, "contacts.add_contactmoment"),
        "can_plan": access.can_work_in_kern(user, kern, "kernen.add_agendaitem"),
        "can_edit_agenda": access.can_work_in_kern(user, kern, "kernen.change_agendaitem"),
        "can_ask": user.has_perm("contacts.ask_internal_question"),
        "today": timezone.localdate(),
    }


@register("kern_public", template="contacts/kern_public_panel.html", order=10)
def kern_public(request, kern, **kwargs):
    return {"kern": kern}


@register("dashboard", template="contacts/dashboard_panel.html", order=10)
def dashboard(request, **kwargs):
    user = request.user
    if not user.has_perm("contacts.view_followup"):
        return None
    followups = list(
        FollowUp.objects.open()
        .filter(owner=user)
        .select_related("contact_moment__kern")
        .overdue_first()[:50]
    )
    waiting = Question.objects.filter(status=Question.Status.NEW).filter(
        Q(assigned_to=user)
        | Q(
            kern_id__in=access.my_kern_ids(user) if user.has_perm("contacts.route_question") else []
        )
    )
    routed = Question.objects.filter(status=Question.Status.ROUTED, routed_to=user)
    return {
        "followups": followups,
        "waiting": list(waiting.select_related("kern").order_by("received_at")[:50]),
        "routed": list(routed.select_related("kern").order_by("received_at")[:50]),
        "today": timezone.localdate(),
    }

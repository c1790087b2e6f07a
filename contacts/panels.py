"""What contacts adds to the kern page, the public kern page, an agenda item and the dashboard."""

from django.utils import timezone

from kernportal.panels import register

from . import access
from .forms import AgendaItemMomentsForm
from .models import ContactMoment, FollowUp, Question

TIMELINE_LENGTH = 10


@register("kern_detail", template="contacts/kern_detail_panel.html", order=10)
def kern_detail(request, kern, **kwargs):
    user = request.user
    if not access.can_view_moments(user):
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
        "open_questions": open_questions,
        "can_log": access.can_work_in_kern(user, kern, "contacts.add_contactmoment"),
        "can_ask": access.can_ask_internal(user),
        "today": timezone.localdate(),
    }


@register("agendaitem", template="contacts/agendaitem_moments_panel.html", order=10)
def agendaitem_moments(request, item, kern, **kwargs):
    """The contact moments an agenda item was discussed in, editable by who may link them."""
    user = request.user
    if not access.can_view_moments(user):
        return None
    can_link = access.can_link_agenda(user, kern)
    return {
        "item": item,
        "moments": list(item.contact_moments.order_by("-happened_at")[:TIMELINE_LENGTH]),
        "form": AgendaItemMomentsForm(
            kern=kern, initial={"contact_moments": item.contact_moments.all()}
        )
        if can_link
        else None,
    }


@register("kern_public", template="contacts/kern_public_panel.html", order=10)
def kern_public(request, kern, **kwargs):
    return {"kern": kern}


@register("dashboard", template="contacts/dashboard_panel.html", order=10)
def dashboard(request, **kwargs):
    user = request.user
    if not access.can_view_followups(user):
        return None
    followups = list(
        FollowUp.objects.open()
        .filter(owner=user)
        .select_related("contact_moment__kern")
        .overdue_first()[:50]
    )
    waiting = Question.objects.waiting().handled_by([user.pk], access.handling_kern_ids(user))
    routed = Question.objects.routed_to_users([user.pk])
    return {
        "followups": followups,
        "waiting": list(waiting.select_related("kern").order_by("received_at")[:50]),
        "routed": list(routed.select_related("kern").order_by("received_at")[:50]),
        "today": timezone.localdate(),
    }

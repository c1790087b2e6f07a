"""The kern page shows role-purity signals and the kern's participation load; the dashboard
shows requests waiting for the user's review."""

from django.db.models import Prefetch
from django.utils import timezone

from kernen.selectors import my_kern_ids
from kernportal.panels import count_of, register, register_counts

from .access import can_edit_quiet_periods
from .clashes import first_signals
from .models import ParticipationRequest, ParticipationReview

SIGNALS_SHOWN = 10


@register("kern_detail", template="roles/kern_roles_panel.html", order=50)
def kern_roles(request, *, kern, **kwargs):
    today = timezone.localdate()
    signals, total = first_signals(kern, SIGNALS_SHOWN)
    return {
        "signals": signals,
        "more_signals": total - SIGNALS_SHOWN,
        "waiting": _waiting(kern, today),
        "can_edit_quiet": can_edit_quiet_periods(request.user, kern),
    }


def _waiting(kern, today):
    waiting = getattr(kern, "waiting_review_count", None)
    if waiting is None:
        waiting = ParticipationReview.objects.waiting(today).filter(kern=kern).count()
    return waiting


@register_counts("kern_detail")
def kern_roles_counts(request):
    waiting = ParticipationReview.objects.waiting(timezone.localdate())
    return {"waiting_review_count": count_of(waiting, "kern")}


@register("dashboard", template="roles/dashboard_reviews_panel.html", order=50)
def reviews_waiting(request, **kwargs):
    user = request.user
    kern_ids = my_kern_ids(user)
    if not kern_ids:
        return None
    reviews = list(
        ParticipationReview.objects.waiting()
        .filter(kern_id__in=kern_ids)
        .select_related("request", "kern")
        .order_by("request__start_date")[:10]
    )
    return {"reviews": reviews}


@register("dashboard", template="roles/dashboard_requests_panel.html", order=55)
def my_requests(request, **kwargs):
    """The participation requests the user filed, with how each kern's KCP decided."""
    user = request.user
    if not user.has_perm("roles.add_participationrequest"):
        return None
    requests = list(
        ParticipationRequest.objects.by_requester(user)
        .prefetch_related(
            Prefetch("reviews", queryset=ParticipationReview.objects.select_related("kern"))
        )
        .order_by("-created_at")[:10]
    )
    if not requests:
        return None
    return {"my_requests": requests}

"""The kern page shows role-purity signals and the kern's participation load; the dashboard
shows requests waiting for the user's review."""

from django.db.models import F
from django.utils import timezone

from kernen.selectors import my_kern_ids
from kernportal.panels import register, register_counts
from kernportal.queries import count_of, first_rows_of_each

from .access import can_edit_quiet_periods
from .clashes import first_signals
from .models import ParticipationRequest, ParticipationReview

SIGNALS_SHOWN = 10
REVIEWS_SHOWN = 10
REQUESTS_SHOWN = 10
# A bound, not a rule: a request asks a few kernen, the largest municipality has about 100.
MAX_KERNEN_PER_REQUEST = 100


@register("kern_detail", template="roles/kern_roles_panel.html", order=50)
def kern_roles(request, *, kern, **kwargs):
    today = timezone.localdate()
    signals, total = first_signals(kern, SIGNALS_SHOWN)
    return {
        "signals": signals,
        "more_signals": total - len(signals),
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


def _dashboard_reviews(request):
    """(reviews waiting for the user as KCP, [the user's latest requests, each with its
    reviews as `shown_reviews`]) for the two dashboard panels, read once per request in one
    query."""
    cached = getattr(request, "_dashboard_reviews", None)
    if cached is not None:
        return cached
    user = request.user
    kern_ids = my_kern_ids(user)
    parts = {}
    if kern_ids:
        parts["waiting"] = (
            ParticipationReview.objects.waiting().filter(kern_id__in=kern_ids),
            [F("request__start_date").asc()],
            REVIEWS_SHOWN,
        )
    if user.has_perm("roles.add_participationrequest"):
        latest = (
            ParticipationRequest.objects.by_requester(user)
            .order_by("-created_at", "-pk")
            .values("pk")[:REQUESTS_SHOWN]
        )
        # Every review of those requests: at most one per kern each.
        parts["mine"] = (
            ParticipationReview.objects.filter(request__in=latest),
            [F("request__created_at").desc(), F("request_id").desc(), F("kern__name").asc()],
            REQUESTS_SHOWN * MAX_KERNEN_PER_REQUEST,
        )
    rows = first_rows_of_each(ParticipationReview.objects.select_related("request", "kern"), parts)
    requests = {}
    for review in rows.get("mine", []):
        request_row = requests.setdefault(review.request_id, review.request)
        request_row.__dict__.setdefault("shown_reviews", []).append(review)
    cached = request._dashboard_reviews = (rows.get("waiting", []), list(requests.values()))
    return cached


@register("dashboard", template="roles/dashboard_reviews_panel.html", order=50)
def reviews_waiting(request, **kwargs):
    if not my_kern_ids(request.user):
        return None
    waiting, _mine = _dashboard_reviews(request)
    return {"reviews": waiting}


@register("dashboard", template="roles/dashboard_requests_panel.html", order=55)
def my_requests(request, **kwargs):
    """The participation requests the user filed, with how each kern's KCP decided."""
    if not request.user.has_perm("roles.add_participationrequest"):
        return None
    _waiting, mine = _dashboard_reviews(request)
    if not mine:
        return None
    return {"my_requests": mine}

"""Digest section: participation requests waiting for the user's review."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernen.selectors import kcp_kern_ids
from kernportal.digest import DigestItem, register

from .models import ParticipationReview


@register(
    "participation_reviews",
    title=_("Participatieverzoeken om te beoordelen"),
    order=40,
    url="roles:inbox",
)
def collect(users, windows, now):
    """Open reviews in the kernen each user is a current KCP of. One query for any number of
    users (plus the KCP scope when called outside build_digests)."""
    today = timezone.localdate(now)
    by_user = kcp_kern_ids(users, now)
    all_kern_ids = set().union(*by_user.values()) if by_user else set()
    if not all_kern_ids:
        return {}
    reviews = list(
        ParticipationReview.objects.waiting(today)
        .filter(kern_id__in=all_kern_ids)
        .select_related("request", "kern")
        .order_by("request__start_date", "pk")
    )
    result = {}
    for user_id, kern_ids in by_user.items():
        items = [
            DigestItem(
                title=f"{r.request.subject} ({r.kern.name})",
                url=r.get_absolute_url(),
                detail=f"{r.request.department}: {r.request.get_form_display().lower()}",
                when=r.request.start_date,
            )
            for r in reviews
            if r.kern_id in kern_ids
        ]
        if items:
            result[user_id] = items
    return result

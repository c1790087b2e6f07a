"""Digest section: participation requests waiting for the user's review."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernen.selectors import kcp_kern_ids
from kernportal.digest import DigestItem, combine, display, first_rows, register

from .models import ParticipationReview


@register(
    "participation_reviews",
    title=_("Participatieverzoeken om te beoordelen"),
    order=40,
    url="roles:inbox",
)
def collect(users, windows, now):
    """Open reviews in the kernen each user is a current KCP of: the first ones of each kern
    and their count, in one query for any number of users (plus the KCP scope when called
    outside build_digests)."""
    today = timezone.localdate(now)
    by_user = kcp_kern_ids(users, now)
    all_kern_ids = set().union(*by_user.values()) if by_user else set()
    if not all_kern_ids:
        return {}
    reviews = (
        ParticipationReview.objects.waiting(today)
        .filter(kern_id__in=all_kern_ids)
        .select_related("request", "kern")
        .only(
            "request__subject",
            "request__department",
            "request__form",
            "request__start_date",
            "kern__name",
            "kern__slug",
        )
    )
    parts = first_rows(reviews, ["request__start_date", "pk"], {"kern": "kern_id"})
    result = {}
    for user_id, kern_ids in by_user.items():
        mine = [
            (parts[("kern", k)].rows, parts[("kern", k)].total)
            for k in kern_ids
            if ("kern", k) in parts
        ]
        if mine:
            result[user_id] = combine(
                mine, key=lambda r: (r.request.start_date, r.pk), item=_review_item
            )
    return result


def _review_item(review):
    return DigestItem(
        title=f"{review.request.subject} ({review.kern.name})",
        url=review.get_absolute_url(),
        detail=f"{review.request.department}: {display(review.request, 'form').lower()}",
        when=review.request.start_date,
    )

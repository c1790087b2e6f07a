"""Digest section: participation requests waiting for the user's review."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernen.selectors import kcp_kern_ids
from kernportal.digest import DigestItem, combine, first_rows_by_kern, register

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
    return {
        user_id: combine(parts, key=lambda r: (r.request.start_date, r.pk), item=_review_item)
        for user_id, parts in first_rows_by_kern(
            reviews, ["request__start_date", "pk"], by_user
        ).items()
    }


def _review_item(review):
    return DigestItem(
        title=f"{review.request.subject} ({review.kern.name})",
        url=review.get_absolute_url(),
        detail=f"{review.request.department}: {review.request.get_form_display().lower()}",
        when=review.request.start_date,
    )

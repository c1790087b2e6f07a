"""Who may classify, file, review and see the overviews. Capability is a permission; scope
(which kern) is the KCP relation. Views call these and nothing else to decide."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from kernen.access import can_manage_all_kernen, is_current_kcp, require, require_staff
from kernen.models import Kern

from . import classifiable
from .models import ParticipationRequest, ParticipationReview


def can_review(user, kern) -> bool:
    """A review is decided by a current KCP of that kern, or by whoever may review any kern."""
    if user.has_perm("roles.review_any_participation"):
        return True
    return user.has_perm("roles.change_participationreview") and is_current_kcp(user, kern)


def can_edit_quiet_periods(user, kern) -> bool:
    if not user.has_perm("roles.change_quietperiod"):
        return False
    return can_manage_all_kernen(user) or is_current_kcp(user, kern)


def require_overview(user) -> None:
    require_staff(user)
    require(user, "roles.view_overview")


def require_heatmap(user) -> None:
    require_staff(user)
    require(user, "roles.view_load_heatmap")


def require_filing(user) -> None:
    require_staff(user)
    require(user, "roles.add_participationrequest")


def get_request_for_user(user, pk: int) -> ParticipationRequest:
    """The requester, reviewers of one of its kernen and managers may see a request."""
    require_staff(user)
    request = get_object_or_404(ParticipationRequest.objects.select_related("requester"), pk=pk)
    if request.requester_id == user.pk or user.has_perm("roles.review_any_participation"):
        return request
    if user.has_perm("roles.view_overview"):
        return request
    if any(can_review(user, review.kern) for review in request.reviews.select_related("kern")):
        return request
    raise Http404  # someone else's request: its existence is not revealed


def get_review_for_user(user, request_pk: int, kern_slug: str) -> ParticipationReview:
    """A review `user` may decide (the decision itself checks again under a row lock)."""
    require_staff(user)
    review = get_object_or_404(
        ParticipationReview.objects.select_related("request__requester", "kern"),
        request_id=request_pk,
        kern__slug=kern_slug,
    )
    if not can_review(user, review.kern):
        raise PermissionDenied
    return review


def get_classifiable_for_user(user, label: str, pk: int):
    """(object, registry entry) of a classifiable object `user` may classify."""
    require_staff(user)
    require(user, "roles.add_classification")
    return get_registered_for_user(user, label, pk)


def get_registered_for_user(user, label: str, pk: int):
    """(object, registry entry) through the owning app's access check: an unknown label, or an
    object `user` may not see, is a 404 (the owning app decides; roles adds nothing)."""
    entry = classifiable.get_by_label(label)
    if entry is None:
        raise Http404
    return entry.get_for_user(user, pk), entry


def get_kern_for_quiet_periods(user, slug: str, *, write: bool = False) -> Kern:
    require_staff(user)
    kern = get_object_or_404(Kern, slug=slug)
    if write and not can_edit_quiet_periods(user, kern):
        raise PermissionDenied
    return kern


def can_classify(user) -> bool:
    return user.has_perm("roles.add_classification")

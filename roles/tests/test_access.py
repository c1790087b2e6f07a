from django.core.exceptions import PermissionDenied
from django.http import Http404

import pytest

from roles import access

from .factories import ParticipationRequestFactory

pytestmark = pytest.mark.django_db


def test_can_review_for_the_kcp_of_the_kern_and_the_gebiedsregisseur(
    kern, kcp, other_kcp, regisseur, colleague, wethouder
):
    assert access.can_review(kcp, kern)
    assert access.can_review(regisseur, kern)
    assert not access.can_review(other_kcp, kern)
    assert not access.can_review(colleague, kern)
    assert not access.can_review(wethouder, kern)


def test_get_review_for_user_checks_the_kern(pending, kcp, other_kcp, kern):
    assert access.get_review_for_user(kcp, pending.request_id, "egchel") == pending
    with pytest.raises(PermissionDenied):
        access.get_review_for_user(other_kcp, pending.request_id, "egchel")
    with pytest.raises(Http404):
        access.get_review_for_user(kcp, pending.request_id, "beringe")


def test_a_request_is_visible_to_its_requester_reviewers_and_managers(
    pending, requester, kcp, regisseur, wethouder, other_kcp, colleague, outsider
):
    pk = pending.request_id
    for user in (requester, kcp, regisseur, wethouder):
        assert access.get_request_for_user(user, pk).pk == pk
    for user in (other_kcp, colleague):
        with pytest.raises(Http404):
            access.get_request_for_user(user, pk)
    with pytest.raises(PermissionDenied):
        access.get_request_for_user(outsider, pk)


def test_only_registered_models_can_be_classified(kern, kcp, outsider):
    request = ParticipationRequestFactory(kernen=[kern])
    obj, _ = access.get_classifiable_for_user(kcp, "roles.participationrequest", request.pk)
    assert obj == request
    with pytest.raises(Http404):
        access.get_classifiable_for_user(kcp, "kernen.kern", kern.pk)
    with pytest.raises(PermissionDenied):
        access.get_classifiable_for_user(outsider, "roles.participationrequest", request.pk)


def test_quiet_periods_are_edited_by_the_kcp_of_the_kern_and_managers(
    kern, kcp, other_kcp, regisseur, colleague
):
    assert access.get_kern_for_quiet_periods(kcp, "egchel", write=True) == kern
    assert access.get_kern_for_quiet_periods(regisseur, "egchel", write=True) == kern
    assert access.get_kern_for_quiet_periods(colleague, "egchel") == kern
    for user in (other_kcp, colleague):
        with pytest.raises(PermissionDenied):
            access.get_kern_for_quiet_periods(user, "egchel", write=True)


@pytest.mark.parametrize(
    ("persona", "overview", "heatmap", "filing"),
    [
        ("colleague", False, False, True),
        ("wethouder", True, False, False),
        ("kcp", False, False, True),
        ("regisseur", True, True, True),
    ],
)
def test_the_permission_matrix(request, persona, overview, heatmap, filing):
    user = request.getfixturevalue(persona)
    for check, expected in (
        (access.require_overview, overview),
        (access.require_heatmap, heatmap),
        (access.require_filing, filing),
    ):
        if expected:
            check(user)
        else:
            with pytest.raises(PermissionDenied):
                check(user)

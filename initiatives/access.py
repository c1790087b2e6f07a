"""The choke point for who may see and change initiatives. Capability is a permission
(`initiatives.*`); scope is being the contact official or a current KCP of one of the
initiative's kernen. Views, panels, exports and the roles registry call these to decide.
Policy: a page the user lacks the capability for is a 403; an initiative outside their scope is
a 404, because its existence is private (its initiator has not published it)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from kernen.access import require
from kernen.models import KcpAssignment, Kern
from kernportal.users import users_with_perm

from .models import DECISIONS, Fund, Grant, Initiative
from .models.initiative import ESCALATION_PERMISSIONS


def require_initiative_staff(user) -> None:
    if not user.has_perm("initiatives.view_initiative"):
        raise PermissionDenied


def guides(user, initiative: Initiative) -> bool:
    """Is `user` the contact official or a current KCP of one of the initiative's kernen?"""
    if initiative.contact_official_id == user.pk:
        return True
    return KcpAssignment.objects.current().filter(user=user, kern__initiatives=initiative).exists()


def can_view(user, initiative: Initiative) -> bool:
    if not user.has_perm("initiatives.view_initiative"):
        return False
    return user.has_perm("initiatives.view_all_initiatives") or guides(user, initiative)


def can_manage(user, initiative: Initiative) -> bool:
    """Guide the initiative: status steps, notes, agreements, reassigning, escalating."""
    if not user.has_perm("initiatives.change_initiative"):
        return False
    return user.has_perm("initiatives.manage_all_initiatives") or guides(user, initiative)


def can_decide(user, initiative: Initiative) -> bool:
    return user.has_perm("initiatives.decide_initiative") and can_view(user, initiative)


def can_transition(user, initiative: Initiative, to_status: str) -> bool:
    """Decisions need the decide permission; every other step needs guidance rights."""
    if to_status in DECISIONS:
        return can_decide(user, initiative)
    return can_manage(user, initiative)


def can_grant(user, initiative: Initiative) -> bool:
    return user.has_perm("initiatives.add_grant") and can_view(user, initiative)


def can_view_initiatives(user) -> bool:
    return user.has_perm("initiatives.view_initiative")


def can_view_escalations(user) -> bool:
    return user.has_perm("initiatives.view_escalations")


def require_escalations(user) -> None:
    require(user, "initiatives.view_escalations")


def require_funds(user) -> None:
    require(user, "initiatives.view_fund")


def get_fund_for_user(user, pk: int):
    """A fund with its totals (`Fund.objects.with_totals()`), for whoever may see funds (the
    capability covers every fund)."""
    require_funds(user)
    return get_object_or_404(Fund.objects.with_totals(), pk=pk)


def get_grant_for_user(user, pk: int):
    """A grant whose payment `user` may record (the capability covers every fund)."""
    require(user, "initiatives.change_grant")
    return get_object_or_404(Grant.objects.select_related("fund", "initiative"), pk=pk)


def get_initiative_for_user(user, pk: int, *, write: bool = False) -> Initiative:
    """The initiative `pk` if `user` may see it (write=True: guide it). Without the capability:
    403; outside the user's scope: 404 (see the module's policy); seen but not guided: 403."""
    require_initiative_staff(user)
    initiative = get_object_or_404(Initiative.objects.select_related("contact_official"), pk=pk)
    if not can_view(user, initiative):
        raise Http404
    if write and not can_manage(user, initiative):
        raise PermissionDenied
    return initiative


def guiding_candidates(initiative: Initiative):
    """Who may be the initiative's contact official: active staff who may guide initiatives
    (`change_initiative`) and either guide every initiative (`manage_all_initiatives`) or are
    a current KCP of one of its kernen. One query when evaluated."""
    kcps = KcpAssignment.objects.current().filter(kern__initiatives=initiative).values("user_id")
    guide_all = users_with_perm("initiatives.manage_all_initiatives").values("pk")
    return (
        users_with_perm("initiatives.change_initiative")
        .filter(Q(pk__in=kcps) | Q(pk__in=guide_all))
        .order_by("first_name", "last_name", "username")
    )


def escalations_for(user, queryset=None):
    """The escalated initiatives `user` sees: every one for those who guide all initiatives;
    otherwise those escalated to a level they receive, and those of the kernen they are
    alderman of. Nothing without `view_escalations`."""
    queryset = Initiative.objects.escalated() if queryset is None else queryset
    if not user.has_perm("initiatives.view_escalations"):
        return queryset.none()
    if user.has_perm("initiatives.manage_all_initiatives"):
        return queryset
    levels = [
        level
        for level, codename in ESCALATION_PERMISSIONS.items()
        if user.has_perm(f"initiatives.{codename}")
    ]
    own = Kern.objects.filter(alderman=user).values("initiatives")
    return queryset.filter(Q(escalation_level__in=levels) | Q(pk__in=own))

"""The choke point for who may see and change kernen. Capability is a permission; scope is the
KCP relation. Views call these and nothing else to decide."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import AgendaItem, CalendarFeedToken, CommunityGroup, KcpAssignment, Kern
from .selectors import my_kern_ids


def is_staff(user) -> bool:
    """The staff capability (every group of municipal staff has it)."""
    return user.has_perm("kernen.view_kern")


def require_staff(user) -> None:
    """Staff pages are for logged-in users with the staff capability; others get 403."""
    if not is_staff(user):
        raise PermissionDenied


def require(user, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied


def is_current_kcp(user, kern: Kern) -> bool:
    """Asked by every panel and access check of a page: answered from the user's KCP kernen,
    looked up once per request (`my_kern_ids`)."""
    return kern.pk in my_kern_ids(user)


def can_manage_all_kernen(user) -> bool:
    return user.has_perm("kernen.manage_all_kernen")


def can_edit_kern(user, kern: Kern) -> bool:
    """Change a kern's own page and groups: a KCP for their kernen, managers for all."""
    if not user.has_perm("kernen.change_kern"):
        return False
    return can_manage_all_kernen(user) or is_current_kcp(user, kern)


def can_manage_kcps(user) -> bool:
    return user.has_perm("kernen.add_kcpassignment") and user.has_perm(
        "kernen.change_kcpassignment"
    )


def get_kern_for_user(user, slug: str, *, write: bool = False, counts=None) -> Kern:
    """`counts`: annotations read along (the panels' counts, see kernportal.panels)."""
    require_staff(user)
    kern = get_object_or_404(
        Kern.objects.select_related("alderman").annotate(**(counts or {})), slug=slug
    )
    if write and not can_edit_kern(user, kern):
        raise PermissionDenied
    return kern


def get_group_for_user(user, kern: Kern, pk: int) -> CommunityGroup:
    """A group of `kern` that `user` may change (the kern was fetched with write=True)."""
    if not user.has_perm("kernen.change_communitygroup"):
        raise PermissionDenied
    return get_object_or_404(CommunityGroup, kern=kern, pk=pk)


def get_assignment_for_user(user, kern: Kern, pk: int) -> KcpAssignment:
    if not can_manage_kcps(user):
        raise PermissionDenied
    return get_object_or_404(KcpAssignment, kern=kern, pk=pk)


def can_work_in_kern(user, kern: Kern, perm: str) -> bool:
    """`perm` held, and the kern is one of the user's (or they manage all kernen)."""
    if not user.has_perm(perm):
        return False
    return can_manage_all_kernen(user) or is_current_kcp(user, kern)


def get_agendaitem_for_user(user, pk: int, *, kern: Kern | None = None, write: bool = False):
    """An agenda item `user` may read (any staff member with the capability) or, with write=True,
    change (its kern is theirs, or they manage all kernen). `kern` narrows it to one kern's."""
    require_staff(user)
    if not can_view_agenda(user):
        raise PermissionDenied
    items = AgendaItem.objects.select_related("kern")
    item = get_object_or_404(items.filter(kern=kern) if kern else items, pk=pk)
    if write and not can_work_in_kern(user, item.kern, "kernen.change_agendaitem"):
        raise PermissionDenied
    return item


def require_agenda_planning(user, kern: Kern) -> None:
    if not can_work_in_kern(user, kern, "kernen.add_agendaitem"):
        raise PermissionDenied


def get_feed_user(token: str):
    """The user whose personal feed secret `token` is. An unknown secret, an inactive user or one
    without the capability to read kernen and agendas is a 404: the feed reveals nothing."""
    feed_token = CalendarFeedToken.objects.select_related("user").filter(token=token).first()
    if feed_token is None or not feed_token.user.is_active:
        raise Http404
    user = feed_token.user
    if not (user.has_perm("kernen.view_kern") and user.has_perm("kernen.view_agendaitem")):
        raise Http404
    return user


def can_view_agenda(user) -> bool:
    return user.has_perm("kernen.view_agendaitem")

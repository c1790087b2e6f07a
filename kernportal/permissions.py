"""Who holds a permission, for notices that go to everyone with a capability."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q


def holders(perm: str):
    """Active users holding `perm` ("app_label.codename") directly or through a group, in one
    query (superusers are not included: they hold no explicit permission)."""
    app_label, codename = perm.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__permissions__in=permission) | Q(user_permissions__in=permission))
        .select_related("profile")
        .distinct()
    )

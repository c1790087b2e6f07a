"""A user's permissions in one query instead of two.

Django's ModelBackend reads a user's direct permissions and their group permissions in two
queries on every request that checks a permission. `PermissionBackend` reads both in one UNION
query and fills the same per-request cache (`user._perm_cache`), so ModelBackend, listed after
it, answers from that cache without a query of its own.

It authenticates nobody: logins still go through ModelBackend (and django-axes before it), so
the backend path stored in existing sessions stays valid and nothing about login, lockout or
two-factor changes.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission


class PermissionBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        return None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                return super().get_all_permissions(user_obj)
            fields = ("content_type__app_label", "codename")
            direct = Permission.objects.filter(user=user_obj).order_by().values_list(*fields)
            grouped = (
                Permission.objects.filter(group__user=user_obj).order_by().values_list(*fields)
            )
            user_obj._perm_cache = {
                f"{app_label}.{codename}" for app_label, codename in direct.union(grouped)
            }
        return user_obj._perm_cache

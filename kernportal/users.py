"""Who holds a permission: one query over direct and group permissions."""

from django.contrib.auth import get_user_model

# django-axes adds its own authentication backend; permissions come from Django's model backend.
PERMISSION_BACKEND = "django.contrib.auth.backends.ModelBackend"


def users_with_perm(perm: str):
    """Active users holding `perm` directly or through a group. Superusers are not included:
    they hold no explicit permission, and are not staff to route work to."""
    return get_user_model().objects.with_perm(
        perm, include_superusers=False, backend=PERMISSION_BACKEND
    )


def holders_among(users, perm: str) -> list[int]:
    """The pks of those `users` that `users_with_perm(perm)` would list. Users whose permissions
    this request already read (a page's own user, e.g. the digest preview) are answered from
    that cache without a query; otherwise one query for all of them."""
    users = list(users)
    if users and all(hasattr(u, "_perm_cache") or not u.is_active for u in users):
        return [u.pk for u in users if u.is_active and not u.is_superuser and u.has_perm(perm)]
    return list(
        users_with_perm(perm).filter(pk__in=[u.pk for u in users]).values_list("pk", flat=True)
    )

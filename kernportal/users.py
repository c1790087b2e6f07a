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

"""What initiatives offers the roles app: an initiative can carry a role. Found by `roles` at
start-up (see roles/integrations.py); roles sees an initiative only through its access check."""

from django.urls import reverse

from .access import get_initiative_for_user
from .models import Initiative


def register(registry) -> None:
    registry.register(
        Initiative,
        kern_getter=lambda initiative: initiative.kernen.all(),
        title_getter=lambda initiative: initiative.title,
        get_for_user=get_initiative_for_user,
        link_getter=lambda pk, kern: reverse("initiatives:detail", args=[pk]),
    )

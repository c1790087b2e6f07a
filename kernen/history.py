"""Who may read the full audit history of a kern: whoever may open its staff page (see
kernportal.audit; the audit right is checked there)."""

from django.shortcuts import get_object_or_404

from kernportal.audit import register_history

from . import access
from .models import Kern


def _kern_for_user(user, pk: int) -> Kern:
    return access.get_kern_for_user(user, get_object_or_404(Kern, pk=pk).slug)


register_history("kernen.kern", _kern_for_user)

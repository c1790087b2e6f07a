"""Who may read the full audit history of an initiative: whoever may open it (see
kernportal.audit; the audit right is checked there)."""

from kernportal.audit import register_history

from . import access

register_history("initiatives.initiative", access.get_initiative_for_user)

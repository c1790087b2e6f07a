"""Who may read the full audit history of contacts' objects: whoever passes the detail page's
access check (kernportal.audit holds the registry; the audit right is checked there)."""

from kernportal.audit import register_history

from . import access

register_history("contacts.person", access.get_person_for_user)
register_history("contacts.contactmoment", access.get_moment_for_user)
register_history("contacts.question", access.get_question_for_user)
register_history("contacts.organisation", access.get_organisation_for_user)

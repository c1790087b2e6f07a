"""The audit trail (django-auditlog): who changed what, when, from where.

The middleware ties each request's user to the changes it makes; `acting_as` does the same for
commands and tasks that know on whose behalf they run. Entries are read here, bounded, for the
history panel on detail pages; nothing in the portal or admin can change them.
"""

from contextlib import contextmanager

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast

from auditlog.context import set_actor
from auditlog.middleware import AuditlogMiddleware
from auditlog.models import LogEntry

from .security import client_ip


class AuditActorMiddleware(AuditlogMiddleware):
    """auditlog's middleware, but the address is the one the lockouts and rate limits trust
    (`client_ip`): auditlog's own reading takes X-Forwarded-For from any client."""

    @staticmethod
    def _get_remote_addr(request):
        return client_ip(request) or None


@contextmanager
def acting_as(user):
    """Record changes made inside the block as made by `user` (a command or task run on
    someone's behalf). With no user, changes are recorded without actor, as the system."""
    if user is None:
        yield
        return
    with set_actor(user):
        yield


def history_for(obj, *, limit=None):
    """The latest audit entries of `obj`, newest first; `limit` defaults to the panel size.
    Returns (entries, has_more)."""
    limit = limit or settings.KERNPORTAL_AUDIT_PANEL_SIZE
    entries = list(
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk)
        )
        .select_related("actor")
        .order_by("-timestamp", "-pk")[: limit + 1]
    )
    return entries[:limit], len(entries) > limit


def last_change(model):
    """A subquery for `model.objects.annotate()`: when the audit trail last recorded a change
    of the row (None for rows untouched since the trail began)."""
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_pk=Cast(OuterRef("pk"), CharField()),
    ).order_by("-timestamp")
    return Subquery(entries.values("timestamp")[:1])


def can_view(user) -> bool:
    return user.has_perm("kernportal.view_audit")

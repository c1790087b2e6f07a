"""The audit trail (django-auditlog): who changed what, when, from where.

The middleware ties each request's user to the changes it makes; `acting_as` does the same for
commands and tasks that know on whose behalf they run. Entries are read here, bounded, for the
history panel on detail pages; nothing in the portal or admin can change them.
"""

import copy
from collections.abc import Callable
from contextlib import contextmanager

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.http import Http404

from auditlog.context import set_actor
from auditlog.diff import model_instance_diff
from auditlog.middleware import AuditlogMiddleware
from auditlog.models import LogEntry
from auditlog.registry import auditlog

from .security import client_ip

FORGOTTEN = "[geanonimiseerd]"


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


# Whose history may be read is the owning app's decision: each app registers, per model with a
# detail page, its access function as `getter(user, pk)` (the object, or Http404 /
# PermissionDenied as on the detail page). kernportal never imports the apps.
_history_access: dict[str, Callable] = {}


def register_history(label: str, getter: Callable) -> None:
    _history_access[label.lower()] = getter


def has_history_page(obj) -> bool:
    return obj._meta.label_lower in _history_access


def get_history_object_for_user(user, label: str, pk: int):
    """The object whose full history `user` asks for. Without the audit right: 403; a model no
    app registered (or no such object): 404; otherwise what the owning app's access check
    says, so the right to read the trail never widens who sees which object."""
    if not can_view(user):
        raise PermissionDenied
    getter = _history_access.get(label.lower())
    if getter is None:
        raise Http404
    return getter(user, pk)


def forget(rows) -> int:
    """Blank the recorded values of `rows` in the audit trail after their personal data was
    anonymised or deleted: the trail would otherwise keep what the AVG says must go. Who
    changed which field when stays; the values, the object's name and snapshot go. The only
    write to the trail outside auditlog itself; returns the number of entries touched."""
    rows = list(rows)
    if not rows:
        return 0
    entries = list(
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(type(rows[0])),
            object_pk__in=[str(row.pk) for row in rows],
        ).only("pk", "changes")
    )
    for entry in entries:
        entry.object_repr = FORGOTTEN
        entry.serialized_data = None
        entry.changes_text = ""
        entry.changes = {field: [FORGOTTEN, FORGOTTEN] for field in (entry.changes or {})}
    LogEntry.objects.bulk_update(
        entries, ["object_repr", "serialized_data", "changes_text", "changes"], batch_size=500
    )
    return len(entries)


# QuerySet.update(), bulk_create() and bulk_update() send no signals, so auditlog sees nothing.
# Services that write domain data in bulk go through these instead: the same rows written the
# same way, plus one entry per row, with the actor and address of the request or `acting_as`.


def _tracked(model) -> bool:
    return auditlog.contains(model)


def _diff(old, new, fields=None):
    return model_instance_diff(
        old, new, fields_to_check=fields, use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES
    )


def bulk_create(model, rows, **kwargs) -> list:
    """`model.objects.bulk_create(rows)` with a create entry per row (the rows need their
    primary key back, which SQLite and PostgreSQL give)."""
    created = model.objects.bulk_create(list(rows), **kwargs)
    if _tracked(model):
        for row in created:
            LogEntry.objects.log_create(
                row, action=LogEntry.Action.CREATE, changes=_diff(None, row)
            )
    return created


def queryset_update(queryset, **values) -> int:
    """`queryset.update(**values)` with a change entry per row whose values change. The rows
    are read first (lock them with select_for_update where it matters); returns the count."""
    before = list(queryset)
    updated = queryset.model.objects.filter(pk__in=[row.pk for row in before]).update(**values)
    if _tracked(queryset.model):
        for old in before:
            new = copy.copy(old)
            for field, value in values.items():
                setattr(new, field, value)
            changes = _diff(old, new, list(values))
            if changes:
                LogEntry.objects.log_create(new, action=LogEntry.Action.UPDATE, changes=changes)
    return updated


def bulk_update_forgetting(rows, fields) -> int:
    """`bulk_update(rows, fields)` for anonymisation: each row gets a change entry naming the
    fields that changed, without their values (the trail must not keep what was erased), and
    the row's earlier entries are blanked (`forget`)."""
    rows = list(rows)
    if not rows:
        return 0
    model = type(rows[0])
    model.objects.bulk_update(rows, fields, batch_size=500)
    forget(rows)
    if _tracked(model):
        for row in rows:
            LogEntry.objects.log_create(
                row,
                action=LogEntry.Action.UPDATE,
                changes={field: [FORGOTTEN, FORGOTTEN] for field in fields},
                object_repr=FORGOTTEN,
                serialized_data=None,
            )
    return len(rows)

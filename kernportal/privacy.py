"""Personal data, app by app: the registry behind retention and access requests (AVG).

Each app describes the personal data it holds in its own `<app>/privacy.py`, a module-level
`HANDLERS` list of `PersonalData`. kernportal discovers those modules (as it does `demo.py`
and `scale.py`) and never imports the apps. A handler answers four questions:

- `find(email)`: the rows that belong to the person with that e-mail address;
- `export(rows)`: those rows as plain JSON-ready dicts (the access request's file);
- `anonymise(rows, by)`: remove the personal data of those rows (erase on request or on
  expiry); returns the ids it touched;
- `expired(cutoff)`: the rows whose retention period (the `kind`'s setting in
  `KERNPORTAL_RETENTION_DAYS`) ended before `cutoff`.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .audit import acting_as, forget
from .models import RetentionRun
from .security import security_event

ANONYMOUS_NAME = "Geanonimiseerd"


@dataclass(frozen=True)
class PersonalData:
    kind: str  # a key of KERNPORTAL_RETENTION_DAYS
    label: str  # shown to staff: a gettext_lazy text (Dutch source), or a plain str
    find: Callable[[str], Iterable]
    export: Callable[[Iterable], list[dict]]
    anonymise: Callable[..., list[int]]
    expired: Callable[[datetime.datetime], Iterable]


def each(service, keyword: str):
    """An `anonymise` for a handler: call `service(<keyword>=row, by=by)` for every row."""

    def anonymise(rows, *, by=None):
        for row in rows:
            service(**{keyword: row}, by=by)
        return _ids(rows)

    return anonymise


def handlers() -> list[PersonalData]:
    found = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.privacy"
        own = config.name == __name__.rsplit(".", 1)[0]
        if not own and find_spec(config.name) and find_spec(module_name):
            found.extend(import_module(module_name).HANDLERS)
    return [*found, *HANDLERS]


def retention_cutoff(kind: str, now=None) -> datetime.datetime:
    days = settings.KERNPORTAL_RETENTION_DAYS[kind]
    return (now or timezone.now()) - datetime.timedelta(days=days)


def _ids(rows) -> list[int]:
    return sorted(row.pk for row in rows)


def _remove(handler, rows, by) -> list[int]:
    """Anonymise or delete `rows`, then blank their old values in the audit trail too."""
    ids = handler.anonymise(rows, by=by)
    forget(rows)
    return ids


def _stored(label) -> str:
    """A label as a key of a stored record (RetentionRun.removed): always in the default
    language, so the records read the same whoever ran them."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(label)


@transaction.atomic
def retention_apply(*, dry_run: bool = False, by=None, now=None) -> RetentionRun:
    """Anonymise or delete, per handler, every row whose retention period ended, and record a
    `RetentionRun` with counts and ids (never the data). One transaction: a failure removes
    nothing. Idempotent: expired rows are anonymised once and then no longer match.
    With `dry_run` nothing changes; the run is still recorded, marked as such."""
    removed = {}
    with acting_as(by):
        for handler in handlers():
            rows = list(handler.expired(retention_cutoff(handler.kind, now)))
            ids = _ids(rows) if dry_run else _remove(handler, rows, by)
            removed[_stored(handler.label)] = {"kind": handler.kind, "count": len(ids), "ids": ids}
    return RetentionRun.objects.create(
        trigger=RetentionRun.Trigger.SCHEDULE, dry_run=dry_run, by=by, removed=removed
    )


def person_export(*, email: str) -> dict:
    """Everything the portal holds about `email`, per kind of data, as JSON-ready data."""
    found = {}
    for handler in handlers():
        rows = list(handler.find(email))
        if rows:
            found[str(handler.label)] = handler.export(rows)
    return found


@transaction.atomic
def person_erase(*, email: str, by, request=None) -> RetentionRun:
    """Erase (anonymise) everything about `email` on the person's request. Records a
    `RetentionRun` (ids only), logs a security event and, through the audit trail, every
    change with `by` as actor. Repeating it finds nothing left to erase."""
    removed = {}
    with acting_as(by):
        for handler in handlers():
            rows = list(handler.find(email))
            if rows:
                ids = _remove(handler, rows, by)
                removed[_stored(handler.label)] = {
                    "kind": handler.kind,
                    "count": len(ids),
                    "ids": ids,
                }
    run = RetentionRun.objects.create(trigger=RetentionRun.Trigger.REQUEST, by=by, removed=removed)
    security_event(
        "personal_data_erased",
        request=request,
        user=by,
        retention_run=run.pk,
        counts={label: part["count"] for label, part in removed.items()},
    )
    return run


# --- kernportal's own personal data: e-mails in the outbox -------------------------------------


def _outbox_find(email):
    from .models import OutboxEmail

    return OutboxEmail.objects.filter(to__icontains=email.strip().lower())


def _outbox_export(rows):
    return [
        {"onderwerp": r.subject, "aan": r.to, "aangemaakt": r.created_at.isoformat()} for r in rows
    ]


def _outbox_delete(rows, *, by=None):
    from .models import OutboxEmail

    ids = _ids(rows)
    OutboxEmail.objects.filter(pk__in=ids).delete()
    return ids


def _outbox_expired(cutoff):
    from .models import OutboxEmail

    # Unsent mail is kept: dropping it would lose a message someone is waiting for.
    return OutboxEmail.objects.filter(created_at__lt=cutoff, sent_at__isnull=False)


def _audit_none(email):
    # Entries are not looked up by address: erasure blanks them per object (`audit.forget`).
    return []


def _audit_delete(rows, *, by=None):
    from auditlog.models import LogEntry

    ids = _ids(rows)
    LogEntry.objects.filter(pk__in=ids).delete()
    return ids


def _audit_expired(cutoff):
    from auditlog.models import LogEntry

    return LogEntry.objects.filter(timestamp__lt=cutoff).only("pk")


HANDLERS = [
    PersonalData(
        kind="audit",
        label=_("Wijzigingsgeschiedenis"),
        find=_audit_none,
        export=list,
        anonymise=_audit_delete,
        expired=_audit_expired,
    ),
    PersonalData(
        kind="outbox",
        label=_("Verstuurde e-mails"),
        find=_outbox_find,
        export=_outbox_export,
        anonymise=_outbox_delete,
        expired=_outbox_expired,
    ),
]

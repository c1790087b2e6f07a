"""Date sanity shared by every model and form that takes a date from a person.

One place decides what a sensible date is, so a typo like year 0001 or 9999 never reaches a
page, a digest or a calendar feed, and every form says so in the same Dutch words. Models call
`check_dates` from `clean()`, so the services (which run `full_clean`) and the forms both get
the message next to the field.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

EARLIEST = datetime.date(2000, 1, 1)
YEARS_AHEAD = 10


def latest(today=None) -> datetime.date:
    today = today or timezone.localdate()
    return datetime.date(today.year + YEARS_AHEAD, 12, 31)


def format_date(value) -> str:
    """A date (or datetime, in local time) written the portal's one way in the active language:
    '3 december 2026', in English '3 December 2026' (kernportal/formats/<language>)."""
    if isinstance(value, datetime.datetime):
        try:
            value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
        except OverflowError:
            # An unchecked row at the end of the calendar (9999-12-31 23.30 UTC) has no local
            # date; its own date still names it, e.g. in the audit trail's object name.
            value = value.date()
    return formats.date_format(value, "DATE_FORMAT")


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def date_errors(value, *, allow_past=True, today=None) -> list[str]:
    """Messages (in the active language) for one date (empty list: fine). `allow_past=False` where a date in the
    past makes no sense, such as a new follow-up's deadline."""
    day = _as_date(value)
    if day is None:
        return []
    today = today or timezone.localdate()
    if day < EARLIEST or day > latest(today):
        return [
            _("Kies een datum tussen %(first)s en %(last)s.")
            % {"first": format_date(EARLIEST), "last": format_date(latest(today))}
        ]
    if not allow_past and day < today:
        return [_("Deze datum ligt in het verleden. Kies vandaag of een latere datum.")]
    return []


def check_dates(
    *,
    start=None,
    end=None,
    start_field="start_date",
    end_field="end_date",
    allow_past=True,
    today=None,
) -> None:
    """Raise one ValidationError with a message per field: each date sensible, the end not
    before the start. Either may be None (an open period or an optional date)."""
    errors = {}
    for field, value in ((start_field, start), (end_field, end)):
        messages = date_errors(value, allow_past=allow_past, today=today)
        if messages:
            errors[field] = messages
    first, last = _as_date(start), _as_date(end)
    if not errors and first is not None and last is not None and last < first:
        errors[end_field] = [_("De einddatum ligt voor de begindatum.")]
    if errors:
        raise ValidationError(errors)

from django import template
from django.utils.translation import gettext as _

from kernportal.dates import format_date

register = template.Library()


@register.filter
def period(value) -> str:
    """A date, or a (first, last) pair, written the portal's one way:
    '3 december 2026' or '3 december 2026 t/m 5 december 2026'."""
    if isinstance(value, tuple | list):
        first, last = value
        if first == last:
            return format_date(first)
        return _("%(first)s t/m %(last)s") % {
            "first": format_date(first),
            "last": format_date(last),
        }
    return format_date(value) if value else ""

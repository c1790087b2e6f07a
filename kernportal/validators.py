"""Text that people type: names and titles stay on one line and hold no invisible control or
direction-override characters (which can make "exe.txt" read as "txt.exe", break exports and
spoof names); longer texts may keep their line breaks."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
BIDI_CONTROLS = frozenset(chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
LINE_BREAKS = frozenset("\r\n")
SINGLE_LINE_MESSAGE = _(
    "Gebruik hier één regel zonder tabs, regeleinden of onzichtbare stuurtekens "
    "(zoals tekens die de leesrichting omdraaien)."
)
MULTI_LINE_MESSAGE = _(
    "Deze tekst bevat onzichtbare stuurtekens (zoals tekens die de leesrichting omdraaien). "
    "Haal ze weg en probeer het opnieuw."
)


def _has_forbidden(value: str, *, allow_line_breaks: bool) -> bool:
    for char in value:
        if char in BIDI_CONTROLS:
            return True
        if allow_line_breaks and (char in LINE_BREAKS or char == "\t"):
            continue
        if unicodedata.category(char) in ("Cc", "Zl", "Zp"):
            return True
    return False


def validate_single_line(value):
    if value and _has_forbidden(str(value), allow_line_breaks=False):
        raise ValidationError(SINGLE_LINE_MESSAGE, code="control_characters")


def validate_multi_line(value):
    if value and _has_forbidden(str(value), allow_line_breaks=True):
        raise ValidationError(MULTI_LINE_MESSAGE, code="control_characters")


class PlainTextMixin:
    """For forms people type names and texts into: every text box gets the single-line check,
    every text area the multi-line one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                multi = isinstance(field.widget, forms.Textarea)
                field.validators.append(validate_multi_line if multi else validate_single_line)

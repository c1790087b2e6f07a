"""Amounts of money the Dutch way: "1.250,50" in, "€ 1.250,50" out.

Residents and staff write amounts as they would on paper: a dot between thousands, a comma
before the cents, maybe a euro sign or ",-". This module is the one place that reads and
writes them, so forms, pages and e-mails agree.
"""

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

# The notation stays Dutch in every language (the parser reads only this), so the English
# messages explain it with the same example.
EXAMPLE = "1.250,50"
INVALID_MESSAGE = _(
    "Vul een bedrag in euro in, bijvoorbeeld 1.250,50 of 2.000 "
    "(punt tussen de duizendtallen, komma voor de centen)."
)
TOO_MANY_DECIMALS_MESSAGE = _(
    "Een bedrag heeft hoogstens twee cijfers achter de komma, bijvoorbeeld 1.250,50."
)

_CURRENCY = re.compile(r"^(?:€|eur(?:o)?)\s*|\s*(?:€|eur(?:o)?)$", re.IGNORECASE)
_WHOLE_EUROS = re.compile(r",-{1,2}$")  # "25,-" is how Dutch price tags write whole euros
_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_PLAIN = re.compile(r"^\d+$")


class AmountError(ValueError):
    """The text is not an amount; `message` says why (in the active language), with an example."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def parse_amount(text: str) -> Decimal | None:
    """Read a Dutch amount: "1.250,50", "2.000", "€ 2.000", "1250", "1250,5", "25,-".

    Returns None for an empty text. A dot followed by exactly three digits separates thousands
    ("1.250" is 1250); a dot followed by one or two digits is read as a decimal point
    ("12.50"), since it cannot be a thousands separator. Anything else that could be read two
    ways ("1,250.50", "1.25.0") or has more than two decimals raises AmountError.
    """
    text = (text or "").strip().replace("\u00a0", " ")
    text = _CURRENCY.sub("", text).strip()
    if not text:
        return None
    negative = text.startswith("-")
    text = text.lstrip("-").replace(" ", "")
    text = _WHOLE_EUROS.sub("", text)
    whole, sep, cents = text.rpartition(",") if "," in text else (text, "", "")
    if sep:
        if "." in cents or "," in whole:
            raise AmountError(INVALID_MESSAGE)
        if not cents.isdigit():
            raise AmountError(INVALID_MESSAGE)
        if len(cents) > 2:
            raise AmountError(TOO_MANY_DECIMALS_MESSAGE)
    elif "." in whole and not _GROUPED.match(whole):
        head, _dot, tail = whole.rpartition(".")
        if not (_PLAIN.match(head) and tail.isdigit() and len(tail) <= 2):
            raise AmountError(INVALID_MESSAGE)
        whole, cents = head, tail
    if _GROUPED.match(whole):
        whole = whole.replace(".", "")
    if not _PLAIN.match(whole):
        raise AmountError(INVALID_MESSAGE)
    try:
        value = Decimal(f"{whole}.{cents or '0'}")
    except InvalidOperation as error:  # pragma: no cover - the patterns above exclude this
        raise AmountError(INVALID_MESSAGE) from error
    return -value if negative else value


def plain_amount(value) -> str:
    """1250.5 → "1.250,50" (no euro sign): for input fields."""
    if value is None or value == "":
        return ""
    value = Decimal(value).quantize(Decimal("0.01"))
    text = f"{abs(value):,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"-{text}" if value < 0 else text


def euro(value) -> str:
    """1250.5 → "€ 1.250,50", the way pages and e-mails show an amount ("" for None)."""
    if value is None or value == "":
        return ""
    return f"€ {plain_amount(value)}"

"""What changed in a contact moment, as the readable JSON a ContactMomentRevision keeps.

Values are stored as the text a person read on the page (names, labels, dates written out),
so the history stays readable after a person, user or choice label is gone or renamed. They
are written in the default language whatever the editor's, so one moment's history is in one
language and compares like with like; the labels (the keys) are translated when shown.
"""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_noop as noop

from kernportal.dates import format_date


def _user(user) -> str:
    return user.get_full_name() or user.username


def moment_snapshot(moment, persons, staff) -> dict[str, str]:
    """The moment's own fields as the page shows them, keyed by their Dutch label."""
    with translation.override(settings.LANGUAGE_CODE):
        return {
            noop("Datum en tijd"): date_format(
                timezone.localtime(moment.happened_at), "DATETIME_FORMAT"
            ),
            noop("Soort"): str(moment.get_kind_display()),
            noop("Contactpersonen"): ", ".join(sorted(p.name for p in persons)) or "–",
            noop("Medewerkers"): ", ".join(sorted(_user(u) for u in staff)) or "–",
            noop("Samenvatting"): moment.summary,
            noop("Afspraken"): moment.agreements or "–",
        }


def followup_snapshot(followup) -> dict[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        return {
            noop("Actie"): followup.description,
            noop("Wie"): _user(followup.owner),
            noop("Uiterlijk"): format_date(followup.due_date),
        }


def diff(before: dict[str, str], after: dict[str, str]) -> dict[str, list[str]]:
    """{label: [before, after]} for every label whose value changed."""
    return {
        label: [before.get(label, ""), after.get(label, "")]
        for label in after
        if before.get(label) != after.get(label)
    }


def without_person(changes: dict, name: str, replacement: str) -> dict:
    """`changes` with `name` replaced in the participants' before/after values (a comma-
    separated list of names), so an anonymised person leaves no name in the history."""
    participants = changes.get("velden", {}).get("Contactpersonen")
    if not participants:
        return changes
    scrubbed = [
        ", ".join(replacement if part == name else part for part in value.split(", "))
        for value in participants
    ]
    return {**changes, "velden": {**changes["velden"], "Contactpersonen": scrubbed}}

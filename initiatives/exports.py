"""CSV and Excel exports of the (filtered) board of initiatives. No initiator contact data."""

import csv
import re
import tempfile
from collections import defaultdict
from decimal import Decimal

from django.db import models
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from kernportal.queries import sum_of

from .models import CoFunding, Initiative, Status
from .models.initiative import Theme

CHUNK_SIZE = 2000

HEADER = [
    _("Nummer"),
    _("Titel"),
    _("Kernen"),
    _("Thema"),
    _("Status"),
    _("Contactpersoon"),
    _("Gevraagd bedrag"),
    _("Toegekend"),
    _("Cofinanciering"),
    _("Ingediend op"),
    _("Laatste activiteit"),
    _("Geëscaleerd"),
]


# Every C0/C1 control character except tab and newline: openpyxl refuses them (one stored
# title used to break the Excel export for everyone) and they mean nothing in a spreadsheet.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Spreadsheet programs run text starting with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean_text(value):
    """Stored text as a spreadsheet may show it: control characters removed (CRLF kept as LF)."""
    if not isinstance(value, str):
        return value
    return _CONTROL.sub("", value.replace("\r\n", "\n"))


def _safe(value):
    """Clean text, and neutralise a leading formula character with an apostrophe (CSV)."""
    value = clean_text(value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_value(value):
    """Dutch spreadsheet conventions: a decimal comma, dates as dd-mm-jjjj."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if hasattr(value, "strftime"):
        return value.strftime("%d-%m-%Y")
    return value


def _cofunding_total():
    """The sum of an initiative's cofundings (0 without), as a subquery in the same row."""
    money = models.DecimalField(max_digits=12, decimal_places=2)
    return sum_of(CoFunding.objects, "initiative", "amount", money)


def _kern_names(initiative_ids) -> dict[int, str]:
    """'Kern A, Kern B' per initiative of one chunk: one query."""
    through = Initiative.kernen.through.objects.filter(initiative_id__in=initiative_ids)
    names = defaultdict(list)
    for initiative_id, name in through.order_by("kern__name").values_list(
        "initiative_id", "kern__name"
    ):
        names[initiative_id].append(name)
    return {pk: ", ".join(n) for pk, n in names.items()}


def rows(initiatives):
    """One list per initiative of the (filtered, ordered) queryset: plain values read in
    chunks of CHUNK_SIZE, each chunk with one more query for its kernen, so memory stays flat
    and the number of queries grows with the chunks, never with the rows."""
    values = (
        initiatives.select_related(None)
        .prefetch_related(None)
        .annotate(cofunding_total=_cofunding_total())
        .values(*FIELDS)
    )
    themes = {value: str(label) for value, label in Theme.choices}
    statuses = {value: str(label) for value, label in Status.choices}
    for chunk in _chunks(values.iterator(chunk_size=CHUNK_SIZE)):
        kernen = _kern_names([row["pk"] for row in chunk])
        for i in chunk:
            names = (i["contact_official__first_name"], i["contact_official__last_name"])
            full_name = " ".join(n for n in names if n)
            yield [
                i["pk"],
                i["title"],
                kernen.get(i["pk"], ""),
                themes.get(i["theme"], i["theme"]),
                statuses.get(i["status"], i["status"]),
                full_name or i["contact_official__username"] or "",
                i["amount_requested"],
                Decimal(i["granted_total"]).quantize(Decimal("0.01")),
                Decimal(i["cofunding_total"]).quantize(Decimal("0.01")),
                timezone.localtime(i["created_at"]).date(),
                timezone.localtime(i["last_activity_at"]).date(),
                gettext("ja") if i["escalated"] else gettext("nee"),
            ]


FIELDS = (
    "pk",
    "title",
    "theme",
    "status",
    "contact_official__first_name",
    "contact_official__last_name",
    "contact_official__username",
    "amount_requested",
    "granted_total",
    "cofunding_total",
    "created_at",
    "last_activity_at",
    "escalated",
)


def _chunks(iterable):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == CHUNK_SIZE:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _filename(ext):
    return f"initiatieven-{timezone.localdate():%Y-%m-%d}.{ext}"


class _Echo:
    """A file-like object whose write returns the line, for csv.writer into a stream."""

    def write(self, value):
        return value


def _csv_lines(initiatives):
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"  # so Excel reads the UTF-8
    yield writer.writerow([str(h) for h in HEADER])
    for row in rows(initiatives):
        yield writer.writerow([_csv_value(_safe(v)) for v in row])


def csv_response(initiatives) -> StreamingHttpResponse:
    """Streamed: rows go out as they are read, whatever the size of the list."""
    response = StreamingHttpResponse(
        _csv_lines(initiatives), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def _xlsx_cell(sheet, value):
    cell = WriteOnlyCell(sheet, value=clean_text(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"  # text, never a formula, even when it starts with "="
    return cell


def xlsx_response(initiatives) -> FileResponse:
    """Built in openpyxl's write-only mode into a temporary file, then streamed from disk, so
    the web process holds one row at a time rather than the whole workbook."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(gettext("Initiatieven"))
    sheet.append([str(h) for h in HEADER])
    for row in rows(initiatives):
        sheet.append([_xlsx_cell(sheet, v) for v in row])
    output = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    workbook.save(output)
    output.seek(0)
    return FileResponse(
        output,
        as_attachment=True,
        filename=_filename("xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )

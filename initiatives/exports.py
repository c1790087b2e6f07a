"""CSV and Excel exports of the (filtered) board of initiatives. No initiator contact data."""

import csv
import re
import tempfile
from decimal import Decimal

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

CHUNK_SIZE = 500

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


def rows(initiatives):
    """One list per initiative; reads in chunks so memory stays flat for any number of rows."""
    for i in initiatives.iterator(chunk_size=CHUNK_SIZE):
        official = i.contact_official
        yield [
            i.pk,
            i.title,
            ", ".join(k.name for k in i.kernen.all()),
            i.get_theme_display(),
            i.get_status_display(),
            (official.get_full_name() or official.username) if official else "",
            i.amount_requested,
            Decimal(i.granted_total).quantize(Decimal("0.01")),
            sum((c.amount for c in i.cofundings.all()), Decimal("0.00")),
            timezone.localtime(i.created_at).date(),
            timezone.localtime(i.last_activity_at).date(),
            gettext("ja") if i.escalated else gettext("nee"),
        ]


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

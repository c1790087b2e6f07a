"""CSV and Excel exports of the (filtered) board of initiatives. No initiator contact data."""

import csv
import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone

from openpyxl import Workbook

HEADER = [
    "Nummer",
    "Titel",
    "Kernen",
    "Thema",
    "Status",
    "Contactpersoon",
    "Gevraagd bedrag",
    "Toegekend",
    "Cofinanciering",
    "Ingediend op",
    "Laatste activiteit",
    "Geëscaleerd",
]


def _safe(value):
    """Spreadsheet programs run text starting with = + - @ as a formula: neutralise it."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
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
    for i in initiatives:
        official = i.contact_official
        yield [
            i.pk,
            _safe(i.title),
            ", ".join(k.name for k in i.kernen.all()),
            i.get_theme_display(),
            i.get_status_display(),
            (official.get_full_name() or official.username) if official else "",
            i.amount_requested,
            Decimal(i.granted_total).quantize(Decimal("0.01")),
            sum((c.amount for c in i.cofundings.all()), Decimal("0.00")),
            timezone.localtime(i.created_at).date(),
            timezone.localtime(i.last_activity_at).date(),
            "ja" if i.escalated else "nee",
        ]


def _filename(ext):
    return f"initiatieven-{timezone.localdate():%Y-%m-%d}.{ext}"


def csv_response(initiatives) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    response.write("\ufeff")  # so Excel reads the UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(HEADER)
    for row in rows(initiatives):
        writer.writerow([_csv_value(v) for v in row])
    return response


def xlsx_response(initiatives) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Initiatieven"
    sheet.append(HEADER)
    for row in rows(initiatives):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response

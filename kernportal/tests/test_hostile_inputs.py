"""Hostile input through every public field (the question form, the initiative form) into
every page, e-mail and export that shows it: nothing executes (escaped), nothing breaks (no
500), nothing is stored half (a clear Dutch error and nothing stored, or stored whole)."""

import csv
import io

from django.core.cache import cache
from django.urls import reverse

import pytest
from openpyxl import load_workbook

from contacts.models import Question
from initiatives.models import Initiative, Status
from initiatives.tests.test_views_public import form_data

HOSTILE = {
    "script": "<script>alert(1)</script>",
    "event_handler": '"><img src=x onerror=alert(1)>',
    "html": '<b>vet</b><a href="javascript:alert(1)">klik</a>',
    "sql": "'; DROP TABLE contacts_question; --",
    "huge": "a" * 100_000,
    "nul": "Jan\x00Jansen",
    "control": "Jan\x1bJansen\x07",
    "bidi": "Jan \u202eesnaJ\u202c",
    "formula": '=HYPERLINK("http://x.example","klik")',
    "formula_plus": "+31 6 1234 5678",
}
# Markup that must never reach a page or e-mail unescaped.
LIVE_MARKUP = ("<script>alert(1)", "<img src=x", 'href="javascript:', "<b>vet</b>")
FORMULA_START = ("=", "+", "-", "@")

QUESTION_FIELDS = ("name", "text")
INITIATIVE_FIELDS = ("title", "description", "goal", "initiator_name", "help_other")
INITIATIVE_MODEL_FIELD = {"name": "asker_name"}


def _assert_inert(text, where):
    for markup in LIVE_MARKUP:
        assert markup not in text, f"{markup!r} unescaped in {where}"


def _assert_refused_in_dutch(response, where):
    assert response.status_code == 200, where
    html = response.content.decode()
    assert "is-invalid" in html or "alert-danger" in html, f"no error shown for {where}"
    _assert_inert(html, where)


def _emails_inert(mailoutbox, where):
    for message in mailoutbox:
        for alternative, _mime in getattr(message, "alternatives", []):
            _assert_inert(alternative, f"html e-mail {message.subject!r} ({where})")


@pytest.mark.parametrize("payload_name", sorted(HOSTILE))
@pytest.mark.parametrize("field", QUESTION_FIELDS)
def test_the_question_form_survives(client, client_for, kern, kcp, mailoutbox, payload_name, field):
    payload = HOSTILE[payload_name]
    data = {"name": "Jan", "email": "jan@example.org", "text": "Wie maait?", "website": ""}
    data["privacy_consent"] = "on"
    data[field] = payload
    cache.clear()
    response = client.post(reverse("contacts:question_ask", args=[kern.slug]), data)
    where = f"question {field}={payload_name}"
    _assert_inert(response.content.decode(), where)
    if not Question.objects.exists():
        _assert_refused_in_dutch(response, where)
        return
    assert response.status_code == 200, where  # the thank-you page
    question = Question.objects.get()
    stored = question.asker_name if field == "name" else question.text
    assert stored == payload, f"{where} stored changed"
    _emails_inert(mailoutbox, where)
    staff = client_for(kcp)
    for url in (
        reverse("contacts:question_detail", args=[question.pk]),
        reverse("contacts:question_list"),
        reverse("kernen:dashboard"),
    ):
        page = staff.get(url)
        assert page.status_code == 200, (where, url)
        _assert_inert(page.content.decode(), f"{url} ({where})")


@pytest.mark.parametrize("payload_name", sorted(HOSTILE))
@pytest.mark.parametrize("field", INITIATIVE_FIELDS)
def test_the_initiative_form_survives(
    client, client_for, kern, kcp, mailoutbox, payload_name, field
):
    payload = HOSTILE[payload_name]
    cache.clear()
    response = client.post(reverse("initiatives:submit"), form_data(kern, **{field: payload}))
    where = f"initiative {field}={payload_name}"
    if response.status_code != 302:
        _assert_refused_in_dutch(response, where)
        assert not Initiative.objects.exists(), where
        return
    initiative = Initiative.objects.get()
    assert getattr(initiative, field) == payload, f"{where} stored changed"
    _emails_inert(mailoutbox, where)
    # Shown publicly once running, as it would be.
    Initiative.objects.filter(pk=initiative.pk).update(status=Status.RUNNING)
    pages = [
        (client, reverse("initiatives:public_detail", args=[initiative.pk])),
        (client, reverse("initiatives:public_list")),
        (client, reverse("kernen:public_detail", args=[kern.slug])),
        (client_for(kcp), reverse("initiatives:detail", args=[initiative.pk])),
        (client_for(kcp), reverse("initiatives:board")),
    ]
    for who, url in pages:
        page = who.get(url)
        assert page.status_code == 200, (where, url)
        _assert_inert(page.content.decode(), f"{url} ({where})")
    geojson = client.get(reverse("initiatives:geojson"))
    assert geojson.status_code == 200
    _assert_exports_safe(client_for(kcp), where)


def _assert_exports_safe(staff, where):
    csv_response = staff.get(reverse("initiatives:export_csv"))
    assert csv_response.status_code == 200, where
    body = b"".join(
        csv_response.streaming_content if csv_response.streaming else [csv_response.content]
    )
    for row in csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"):
        for cell in row:
            assert not cell.startswith(FORMULA_START) or _is_number(cell), (where, cell[:40])
    xlsx = staff.get(reverse("initiatives:export_xlsx"))
    assert xlsx.status_code == 200, where
    content = b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content
    sheet = load_workbook(io.BytesIO(content)).active
    # A text cell holds "=..." literally; only a formula cell would be evaluated.
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", (where, str(cell.value)[:40])


def _is_number(text):
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True

"""Request ids on every line, JSON on request, private tokens never in a log."""

import json
import logging

from django.urls import reverse

import pytest

from kernportal.logs import JsonFormatter, MaskTokensFilter, RequestIdFilter, mask_path

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "masked"),
    [
        ("/vraag/AbC-123_xyz/", "/vraag/***/"),
        ("/initiatieven/volgen/AbC-123_xyz/", "/initiatieven/volgen/***/"),
        ("/agenda/egchel/AbC-123_xyz.ics", "/agenda/egchel/***.ics"),
        ("Not Found: /vraag/geheim", "Not Found: /vraag/***"),
        ("/kernen/egchel/vraag/", "/kernen/egchel/vraag/"),  # the form itself has no token
        ("/initiatieven/12/", "/initiatieven/12/"),
    ],
)
def test_it_masks_the_tokens_of_private_links(path, masked):
    assert mask_path(path) == masked


def test_an_incoming_sane_request_id_is_kept_and_returned(client):
    response = client.get(reverse("health_live"), HTTP_X_REQUEST_ID="lb-1234abcd")
    assert response["X-Request-ID"] == "lb-1234abcd"


@pytest.mark.parametrize("incoming", ["", "kort", "x" * 101, "bad id\n<script>", "a;b=c" * 3])
def test_an_odd_request_id_is_replaced_by_a_new_one(client, incoming):
    response = client.get(reverse("health_live"), HTTP_X_REQUEST_ID=incoming)
    assert response["X-Request-ID"] != incoming
    assert len(response["X-Request-ID"]) == 32


def test_every_log_line_of_a_request_carries_its_id_and_no_token(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/vraag/heelgeheimtoken123/", HTTP_X_REQUEST_ID="req-abcdef12")
    assert response.status_code == 404
    record = next(r for r in caplog.records if r.name == "django.request")
    RequestIdFilter().filter(record)  # what the console handler's filters do
    MaskTokensFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "req-abcdef12"
    assert line["level"] == "WARNING"
    assert line["message"] == "Not Found: /vraag/***/"
    assert "heelgeheimtoken123" not in json.dumps(line)


def test_the_json_formatter_keeps_a_traceback_on_one_line():
    try:
        raise ValueError("kapot")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "mislukt %s", ("a",), None)
        import sys

        record.exc_info = sys.exc_info()
    text = JsonFormatter().format(record)
    assert "\n" not in text
    assert json.loads(text)["message"] == "mislukt a"
    assert "ValueError: kapot" in json.loads(text)["exception"]

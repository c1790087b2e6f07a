"""Logs an operator can ship: a request id on every line, JSON on request, no private tokens.

- `RequestIdMiddleware` takes a sane incoming `X-Request-ID` (from the proxy or load balancer)
  or makes one, puts it on the response and in a context variable that `RequestIdFilter`
  copies onto every log record of that request.
- `mask_path` hides the secrets in private links (question status, initiative tracking,
  calendar feeds); `MaskTokensFilter` applies it to every message, `GunicornLogger` to the
  access log. The access log leaves out the client address, user agent and query string:
  they are personal data (a search for a name) and the proxy keeps its own log.
- `JsonFormatter` writes one JSON object per line (`DJANGO_LOG_FORMAT=json`).
"""

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

_SANE_ID = re.compile(r"[A-Za-z0-9._:-]{8,100}")

# The private links of residents and calendar apps: the token is the only key.
_PRIVATE_PATHS = [
    re.compile(r"(/vraag/)[^/?#\s]+"),
    re.compile(r"(/initiatieven/volgen/)[^/?#\s]+"),
    re.compile(r"(/agenda/[^/?#\s]+/)[^/?#\s]+?(\.ics)"),
]
MASK = "***"


def mask_path(text: str) -> str:
    """Replace the token of every private link in `text` by ***."""
    for pattern in _PRIVATE_PATHS:
        text = pattern.sub(
            lambda m: m.group(1) + MASK + (m.group(2) if m.re.groups > 1 else ""), text
        )
    return text


class RequestIdMiddleware:
    """First in MIDDLEWARE, so that every later log line of the request carries the id."""

    header = "X-Request-ID"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(self.header, "")
        request_id = incoming if _SANE_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        # Not reset on the way out: Django logs 4xx/5xx after the middleware returned.
        # `forget_request_id` clears it when the response is closed.
        request_id_var.set(request_id)
        response = self.get_response(request)
        response[self.header] = request_id
        return response


def forget_request_id(**kwargs):
    """request_finished receiver: lines logged between requests carry no stale id."""
    request_id_var.set("-")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


class MaskTokensFilter(logging.Filter):
    """Masks private tokens in the formatted message (Django logs "Not Found: <path>")."""

    def filter(self, record):
        message = record.getMessage()
        masked = mask_path(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, request_id, and the
    access-log fields when present; the traceback as one string."""

    EXTRA = ("method", "path", "status", "bytes", "duration_ms", "task_id")

    def format(self, record):
        data = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
        }
        data.update({key: getattr(record, key) for key in self.EXTRA if hasattr(record, key)})
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """Plain lines in UTC: gunicorn's master logs before Django sets the time zone."""

    converter = time.gmtime

    def __init__(self):
        super().__init__("%(asctime)sZ %(levelname)s %(name)s [%(request_id)s] %(message)s")


def logging_config(*, json_format: bool, level: str) -> dict:
    """The LOGGING dict for Django, also used for gunicorn's own loggers."""
    formatter = {"()": JsonFormatter if json_format else TextFormatter}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": RequestIdFilter},
            "mask_tokens": {"()": MaskTokensFilter},
        },
        "formatters": {"default": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "filters": ["request_id", "mask_tokens"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's own handlers would print the same lines again (runserver, DEBUG).
            "django": {"handlers": ["console"], "level": level, "propagate": False},
            "django.server": {"handlers": ["console"], "level": level, "propagate": False},
            "gunicorn.error": {"handlers": ["console"], "level": level, "propagate": False},
            "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
        },
    }


try:
    from gunicorn.glogging import Logger as _GunicornLogger
except ImportError:  # gunicorn is not needed to import the settings
    _GunicornLogger = object


class GunicornLogger(_GunicornLogger):
    """gunicorn's access log as one record with fields, the path masked, no address or query."""

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        headers = {name.lower(): value for name, value in resp.headers}
        path = mask_path(environ.get("PATH_INFO", ""))
        status = int(str(resp.status).split()[0])
        duration_ms = round(request_time.total_seconds() * 1000, 1)
        self.access_log.info(
            "%s %s %s %sms",
            environ.get("REQUEST_METHOD"),
            path,
            status,
            duration_ms,
            extra={
                "request_id": headers.get("x-request-id", "-"),
                "method": environ.get("REQUEST_METHOD"),
                "path": path,
                "status": status,
                "bytes": getattr(resp, "sent", None),
                "duration_ms": duration_ms,
            },
        )

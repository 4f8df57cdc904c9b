"""Log lines on stdout that an operator can search: who logged what, when, for which request.

``DJANGO_LOG_FORMAT=json`` makes every line one JSON object (for a log collector); otherwise
the lines are plain text for a person reading a terminal. Both carry the request id that
``newsroom.middleware.RequestIdMiddleware`` puts in ``request_id_var``, so every line a
request caused can be found from the id on its 500 page or in its ``X-Request-ID`` header.
"""

import json
import logging
import re
import uuid
from collections.abc import Mapping
from contextvars import ContextVar
from datetime import UTC, datetime

# Context variables follow a request through its thread (gunicorn's gthread workers) or its
# task (ASGI), so concurrent requests never see each other's id.
request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)

# An id a proxy or a client sends is reused only when it is short and plain: it ends up in
# log lines and a response header, where newlines or markup would forge or break them.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def request_id_from(header: str | None) -> str:
    """The incoming ``X-Request-ID`` when it is sane, else a new random id."""
    if header and _SANE_REQUEST_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Give every record a ``request_id`` attribute (None outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class AccessLogRequestIdFilter(logging.Filter):
    """gunicorn writes its access line after the site has answered, outside the request's
    context; the id is taken from the response's ``X-Request-ID``, one of the line's atoms."""

    def filter(self, record: logging.LogRecord) -> bool:
        atoms = record.args if isinstance(record.args, Mapping) else {}
        value = atoms.get("{x-request-id}o")
        if value and value != "-":
            record.request_id = value
        return True


def _request_id(record: logging.LogRecord) -> str | None:
    # Handlers configured without the filter (gunicorn's own) still get the id.
    return getattr(record, "request_id", None) or request_id_var.get()


def _utc_time(record: logging.LogRecord) -> str:
    moment = datetime.fromtimestamp(record.created, tz=UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class JsonFormatter(logging.Formatter):
    """One JSON object per record, on one line (newlines in messages and tracebacks are
    escaped by the encoder)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": _utc_time(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = _request_id(record)
        if request_id:
            entry["request_id"] = request_id
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str)


class PlainFormatter(logging.Formatter):
    """``2026-12-03T17:56:19.123Z ERROR django.request [a1b2…] message``, then any
    traceback on the following lines."""

    def format(self, record: logging.LogRecord) -> str:
        request_id = _request_id(record)
        line = f"{_utc_time(record)} {record.levelname} {record.name}"
        if request_id:
            line += f" [{request_id}]"
        line += f" {record.getMessage()}"
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        elif record.exc_text:
            line += "\n" + record.exc_text
        if record.stack_info:
            line += "\n" + self.formatStack(record.stack_info)
        return line


def formatter_for(log_format: str | None) -> logging.Formatter:
    """The formatter ``DJANGO_LOG_FORMAT`` names, for handlers made outside settings.LOGGING
    (gunicorn's own, in gunicorn.conf.py)."""
    return JsonFormatter() if (log_format or "").lower() == "json" else PlainFormatter()


def configuration(level: str, log_format: str) -> dict:
    """Django's LOGGING: every logger, Django's own included, to stdout in one format; the
    mail to ADMINS on a 500 is kept (and the 500 page counts on it: newsroom/errors.py)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "newsroom.logging.RequestIdFilter"},
            "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        },
        "formatters": {
            "line": {
                "()": "newsroom.logging.JsonFormatter"
                if log_format == "json"
                else "newsroom.logging.PlainFormatter"
            },
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "filters": ["request_id"],
                "formatter": "line",
            },
            "mail_admins": {
                "level": "ERROR",
                "filters": ["require_debug_false"],
                "class": "django.utils.log.AdminEmailHandler",
            },
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django": {"handlers": ["console", "mail_admins"], "level": level, "propagate": False},
            # runserver's one line per request, in the same format.
            "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        },
    }

"""Log lines carry time, level, logger, message, the request id and any traceback; with
DJANGO_LOG_FORMAT=json each line is one JSON object."""

import io
import json
import logging
import os
import re
import subprocess
import sys

import pytest
from django.test import Client

from newsroom.logging import (
    AccessLogRequestIdFilter,
    JsonFormatter,
    PlainFormatter,
    RequestIdFilter,
)

pytestmark = pytest.mark.urls("tests.newsroom.failing_urls")

ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


@pytest.fixture
def json_lines():
    """What Django's request logger writes, formatted as in production with the JSON format."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        logger.removeHandler(handler)


@pytest.mark.django_db
def test_a_failing_request_logs_one_json_line_with_its_id_and_traceback(json_lines):
    response = Client(raise_request_exception=False).get("/test-failure/")

    [entry] = json_lines()
    assert ISO_UTC.match(entry["time"])
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "django.request"
    assert entry["message"] == "Internal Server Error: /test-failure/"
    assert entry["request_id"] == response["X-Request-ID"]
    assert entry["exception"].startswith("Traceback (most recent call last):")
    assert "NewsroomTestFailure: the printing press is on fire" in entry["exception"]


def test_a_refused_request_is_logged_once_with_its_id(json_lines):
    # Answered 400 by a middleware, without an exception: Django would log it after every
    # middleware has returned, when the request id is gone.
    response = Client().get("/", {"q": "a\x00b"}, HTTP_X_REQUEST_ID="proxy-abc")

    assert response.status_code == 400
    assert [(e["level"], e["message"], e.get("request_id")) for e in json_lines()] == [
        ("WARNING", "Bad Request: /", "proxy-abc")
    ]


@pytest.mark.parametrize(
    "incoming",
    [
        "a" * 65,
        "abc def",
        "abc\r\nSet-Cookie: x=1",
        "<script>",
        "",
        "-starts-with-a-dash",
        "épreuve",
    ],
)
def test_an_unsafe_incoming_request_id_is_replaced(incoming):
    response = Client().get("/healthz", HTTP_X_REQUEST_ID=incoming)

    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_each_request_gets_its_own_id():
    client = Client()
    ids = {client.get("/healthz")["X-Request-ID"] for _ in range(3)}

    assert len(ids) == 3


def _record(message="saved", exc_info=None):
    record = logging.LogRecord(
        "articles.services", logging.INFO, __file__, 1, message, (), exc_info
    )
    RequestIdFilter().filter(record)
    return record


def test_outside_a_request_the_json_line_has_no_request_id():
    entry = json.loads(JsonFormatter().format(_record("two\nlines")))

    assert entry["message"] == "two\nlines"
    assert "request_id" not in entry and "exception" not in entry


def test_plain_lines_are_readable_and_keep_time_level_logger_and_traceback():
    try:
        raise ValueError("bad slug")
    except ValueError:
        line = PlainFormatter().format(_record("could not save", sys.exc_info()))

    first, *rest = line.splitlines()
    time, level, logger, message = first.split(" ", 3)
    assert ISO_UTC.match(time)
    assert (level, logger, message) == ("INFO", "articles.services", "could not save")
    assert rest[0] == "Traceback (most recent call last):"
    assert rest[-1] == "ValueError: bad slug"


def test_gunicorn_access_lines_carry_the_request_id_the_site_sent_back():
    # gunicorn logs its access line with the response's headers among the format's atoms.
    atoms = {"h": "10.0.0.1", "s": "200", "{x-request-id}o": "edge-7"}
    record = logging.LogRecord(
        "gunicorn.access", logging.INFO, __file__, 1, "%(h)s %(s)s", (atoms,), None
    )
    AccessLogRequestIdFilter().filter(record)

    entry = json.loads(JsonFormatter().format(record))
    assert (entry["message"], entry["request_id"]) == ("10.0.0.1 200", "edge-7")


SCRIPT = """
import logging, django
django.setup()
from django.test import Client
from django.test.utils import override_settings
logging.getLogger("articles.services").warning("first\\nsecond")
with override_settings(ROOT_URLCONF="tests.newsroom.failing_urls"):
    Client(raise_request_exception=False).get("/test-failure/", HTTP_X_REQUEST_ID="req-1")
"""


def _run_site(**env: str) -> str:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SENTRY_"))}
    environ.update(DJANGO_SETTINGS_MODULE="newsroom.settings", DJANGO_DEBUG="1", **env)
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", SCRIPT], env=environ, capture_output=True, text=True, check=True
    )
    assert result.stderr == ""
    return result.stdout


def test_django_log_format_json_makes_every_stdout_line_a_json_object():
    lines = _run_site(DJANGO_LOG_FORMAT="json").splitlines()

    entries = [json.loads(line) for line in lines]
    assert [(e["level"], e["logger"], e.get("request_id")) for e in entries] == [
        ("WARNING", "articles.services", None),
        ("ERROR", "django.request", "req-1"),
    ]
    assert entries[0]["message"] == "first\nsecond"
    assert "NewsroomTestFailure" in entries[1]["exception"]


def test_default_log_format_is_plain_text_on_stdout():
    out = _run_site()

    assert re.match(r"\d{4}-\d\d-\d\dT\S+Z WARNING articles.services first\nsecond\n", out)
    assert re.search(
        r"\n\S+Z ERROR django.request \[req-1\] Internal Server Error: /test-failure/\n"
        r"Traceback \(most recent call last\):\n",
        out,
    )

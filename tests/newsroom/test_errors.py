"""The 500 page says "reported" only when the error was (Sentry, or mail to ADMINS), and
always shows the request id a reader can quote."""

import gzip
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.test import Client

pytestmark = [pytest.mark.urls("tests.newsroom.failing_urls"), pytest.mark.django_db]

REPORTED_FR = "Le problème a été signalé à l'équipe technique."
REPORTED_EN = "The problem has been reported to the technical team."
LOGGED_EN = "The problem was recorded in the server log"


@pytest.fixture
def failing_client():
    return Client(raise_request_exception=False)


def test_500_page_without_reporting_says_logged_and_shows_the_request_id(failing_client):
    response = failing_client.get("/test-failure/")

    assert response.status_code == 500
    page = response.content.decode()
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    assert f'<code class="request-id">{request_id}</code>' in page
    assert LOGGED_EN in page
    assert "l'équipe technique l'y retrouvera grâce au numéro de requête" in page
    assert "reported" not in page and "signalé" not in page
    assert response["Cache-Control"] == "no-store"


def test_500_page_keeps_a_sane_incoming_request_id(failing_client):
    response = failing_client.get("/test-failure/", HTTP_X_REQUEST_ID="lb-7f3a.91_c")

    assert response["X-Request-ID"] == "lb-7f3a.91_c"
    assert '<code class="request-id">lb-7f3a.91_c</code>' in response.content.decode()


def test_500_page_when_errors_are_mailed_to_admins_says_reported(failing_client, settings):
    settings.ADMINS = [("Ops", "ops@example.org")]

    response = failing_client.get("/test-failure/")

    page = response.content.decode()
    assert REPORTED_FR in page and REPORTED_EN in page
    assert LOGGED_EN not in page
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ops@example.org"]
    assert "the printing press is on fire" in mail.outbox[0].body


def test_500_page_when_nothing_logs_errors_asks_to_quote_the_id(failing_client, settings):
    import logging

    logger = logging.getLogger("django")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        page = failing_client.get("/test-failure/").content.decode()
    finally:
        logger.setLevel(level)

    assert LOGGED_EN not in page and REPORTED_EN not in page
    assert "If you report the problem, please quote the request ID below." in page


class _Receiver(BaseHTTPRequestHandler):
    envelopes: list[bytes]

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":
            import brotli

            body = brotli.decompress(body)
        self.envelopes.append(body)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def sentry_receiver():
    """A local stand-in for Sentry's ingestion endpoint, and the SDK configured for it as
    settings.py configures it when SENTRY_DSN is set."""
    sentry_sdk = pytest.importorskip("sentry_sdk")
    from newsroom.sentry import sentry_init

    envelopes: list[bytes] = []
    handler = type("Receiver", (_Receiver,), {"envelopes": envelopes})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    sentry_init(
        {
            "SENTRY_DSN": f"http://publickey@127.0.0.1:{port}/42",
            "SENTRY_ENVIRONMENT": "staging",
            "SENTRY_RELEASE": "newsroom@1.2.3",
        }
    )
    try:
        yield envelopes
    finally:
        sentry_sdk.get_client().close()
        sentry_sdk.get_global_scope().set_client(None)
        server.shutdown()
        server.server_close()


def _events(envelopes: list[bytes]) -> list[dict]:
    events = []
    for envelope in envelopes:
        lines = envelope.split(b"\n")
        for header, payload in zip(lines[1::2], lines[2::2], strict=False):
            if json.loads(header).get("type") == "event":
                events.append(json.loads(payload))
    return events


def test_error_is_sent_to_sentry_and_the_500_page_says_reported(sentry_receiver, failing_client):
    import sentry_sdk

    failing_client.cookies["sessionid"] = "secret-session"
    response = failing_client.get("/test-failure/", HTTP_X_REQUEST_ID="edge-42")
    sentry_sdk.flush(timeout=5)

    page = response.content.decode()
    assert REPORTED_FR in page and REPORTED_EN in page
    assert '<code class="request-id">edge-42</code>' in page
    events = _events(sentry_receiver)
    assert len(events) == 1
    event = events[0]
    exception = event["exception"]["values"][-1]
    assert exception["type"] == "NewsroomTestFailure"
    assert exception["value"] == "the printing press is on fire"
    assert event["tags"]["request_id"] == "edge-42"
    assert event["environment"] == "staging"
    assert event["release"] == "newsroom@1.2.3"
    # send_default_pii is off: the reader's cookies do not leave the site.
    assert "secret-session" not in json.dumps(event)


def test_without_sentry_dsn_settings_do_not_load_sentry(tmp_path):
    import os
    import subprocess
    import sys

    code = "import django, sys; django.setup(); print('sentry_sdk' in sys.modules)"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SENTRY_")}
    env.update(DJANGO_SETTINGS_MODULE="newsroom.settings", DJANGO_DEBUG="1")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"

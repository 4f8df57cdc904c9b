"""A partner's receiver on 127.0.0.1 (a real HTTP server in a thread) and the worker."""

import json
import signal
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock

import pytest
from django.core.management import call_command

from webhooks.services import webhook_endpoint_create
from webhooks.signing import verify

SECRET = "un-secret-partage-assez-long"
WORKER = "django_tasks_db.management.commands.db_worker"


@dataclass
class Received:
    headers: dict
    body: bytes

    @property
    def json(self) -> dict:
        return json.loads(self.body)

    def signed_with(self, secret: str) -> bool:
        return verify(
            secret,
            self.headers["X-Newsroom-Timestamp"],
            self.body,
            self.headers["X-Newsroom-Signature"],
        )


@dataclass
class Receiver:
    url: str
    # The status codes to answer, in order; 200 once they run out.
    answers: list = field(default_factory=list)
    received: list = field(default_factory=list)

    @property
    def valid(self) -> list:
        """The requests whose signature checks with the shared secret."""
        return [request for request in self.received if request.signed_with(SECRET)]


@pytest.fixture
def receiver():
    state = Receiver(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's name)
            length = int(self.headers.get("Content-Length", 0))
            body = self.rfile.read(length)
            state.received.append(Received(headers=dict(self.headers.items()), body=body))
            status = state.answers.pop(0) if state.answers else 200
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/newsroom"
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def allow_private(settings):
    settings.NEWSROOM_WEBHOOK_ALLOW_PRIVATE = True
    settings.NEWSROOM_WEBHOOK_RETRY_SECONDS = 0
    settings.NEWSROOM_WEBHOOK_TIMEOUT_SECONDS = 5


@pytest.fixture
def endpoint(db, receiver, allow_private):
    return webhook_endpoint_create(
        name="Partenaire",
        url=receiver.url,
        events=["published", "updated", "unpublished", "corrected"],
        secret=SECRET,
    )


def run_worker(**options) -> None:
    """Run the webhooks queue until it is empty, as `make worker` would, then give the
    test runner its signal handlers back (the worker sets its own)."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    # The worker drops connections it thinks stale; on PostgreSQL that would be the test's
    # own connection, inside its transaction.
    with mock.patch(f"{WORKER}.close_old_connections"):
        try:
            call_command(
                "db_worker",
                "--batch",
                "--queue-name=webhooks",
                "--no-startup-delay",
                "--no-reload",
                "--interval=0",
                verbosity=0,
                **options,
            )
        finally:
            for sig, handler in saved.items():
                signal.signal(sig, handler)

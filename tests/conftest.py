import os

import pytest
from django.db import connection

from tests.factories import UserFactory

# pytest-django's live_server runs the app in a thread next to Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_report_header(config):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"newsroom database backend: {engine}"


@pytest.fixture
def on_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture
def english(client):
    """Messages are asserted in English; the desk's default interface is French."""
    from django.utils import translation

    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def explain_corpus(db):
    """A small synthetic newsroom, planned without sequential scans (see tests/explain.py)."""
    from bench.synthetic import generate_corpus

    generate_corpus(stories=400, actors=120, seed=4, batch=200)
    with connection.cursor() as cursor:
        # Until the end of the test's transaction only.
        cursor.execute("SET LOCAL enable_seqscan = off")


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", groups=["Editor"])


@pytest.fixture
def reporter(db):
    return UserFactory(username="reporter", groups=["Reporter"])


@pytest.fixture
def export_staff(db):
    return UserFactory(username="exporter", groups=["Export staff"])


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True)


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test starts with an empty reader page cache (rolled-back rows leave no pages)."""
    from django.core.cache import caches

    from actors.suggestions import index

    caches["pages"].clear()
    # Nor does an earlier test's API calls count against this one's rate limit (api.keys).
    caches["throttle"].clear()
    # Nor does a previous test's table stamp decide whether the actor matcher is fresh.
    index._tables["checked"] = None


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    """Uploaded pictures and renditions go to a directory of the test's own, never the repo."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")

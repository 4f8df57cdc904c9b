"""Property tests of the content API against its own OpenAPI document (schemathesis).

Every operation /api/v1/openapi.json describes is called with generated requests, valid and
invalid, on a small newsroom (tests/api/world.py): no answer is a server error, and every
answer matches what the document says of it (status code, content type, body, headers).
A second pass puts the world's real slugs, uuids and ids into the path and filter
parameters, so that the bodies of found stories, actors and relationships are checked too,
and a third sends a key with the export permission (drafts included).
"""

import hashlib

import pytest
import schemathesis
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from newsroom.wsgi import application
from tests.api.world import (
    ACTOR_SLUGS,
    DRAFT_UUID,
    HIDDEN_SLUGS,
    RICH_UUID,
    SECTION_SLUGS,
    STORY_SLUGS,
    TOPIC_SLUGS,
    build_world,
)

pytestmark = pytest.mark.django_db

OPENAPI = "/api/v1/openapi.json"
# A filter naming a section, topic or actor that does not exist is a well-formed request
# the API answers 400 with a message naming the parameter (issue 18), and a made-up key
# (schemathesis fills the documented key headers) is refused with 401: neither is a failure
# (both must still be documented). Server errors are never expected.
ACCEPTED = ["2xx", "304", "400", "401", "404", "429"]
CONFIG = {"checks": {"positive_data_acceptance": {"expected-statuses": ACCEPTED}}}
schema = schemathesis.openapi.from_wsgi(
    OPENAPI, application, config=schemathesis.Config.from_dict(CONFIG)
)
# Valid requests only, and no made-up key: the answers are the rows a caller reads.
known_rows = schemathesis.openapi.from_wsgi(
    OPENAPI,
    application,
    config=schemathesis.Config.from_dict(
        {**CONFIG, "generation": {"mode": "positive", "with-security-parameters": False}}
    ),
)

EXAMPLES = settings(
    max_examples=20,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)

# The values a parameter may take in the world, by the collection its path is under.
STORIES = [*STORY_SLUGS, str(RICH_UUID), *HIDDEN_SLUGS, str(DRAFT_UUID)]
KNOWN = {
    "stories": STORIES,
    "actors": list(ACTOR_SLUGS) + ["source-secrete"],
    "sections": list(SECTION_SLUGS),
    "topics": list(TOPIC_SLUGS),
}
# Query parameters that name a row of another collection (the exports' filters).
FILTERS = {"actor": "actors", "section": "sections", "topic": "topics", "tag": "topics"}


@pytest.fixture
def world(db, settings):
    # Thousands of requests from one address: the anonymous rate limit is not under test here.
    settings.NEWSROOM_API_ANON_RATE = "1000000/min"
    settings.NEWSROOM_API_KEY_RATE = "1000000/min"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    built = build_world()
    yield built


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Schemathesis calls the WSGI application itself, not Django's test client: the end of
    each request would close the database connection that holds the test's transaction
    (PostgreSQL), so what the test client does is done here: no closing during the test."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _no_throttle_memory():
    """Whatever counts requests per address starts from nothing for each operation."""
    caches["throttle"].clear()


def _collection(path: str, world) -> list[str] | None:
    # Relationships are known by id, which the database gives: one readers see, one not.
    known = {**KNOWN, "relationships": [str(world.rival.pk), str(world.hidden.pk)]}
    parts = [part for part in path.split("/") if part and not part.startswith("{")]
    for part in reversed(parts):
        if part in known:
            return known[part]
    return None


def _pick(values: list[str], seed) -> str:
    digest = hashlib.sha256(repr(seed).encode()).digest()
    return values[digest[0] % len(values)]


def _with_known_rows(case, world) -> None:
    """Replace generated identifiers with rows of the world (chosen by the generated value,
    so hypothesis still varies them)."""
    values = _collection(case.path, world)
    for name, generated in (case.path_parameters or {}).items():
        if values is not None:
            case.path_parameters[name] = _pick(values, generated)
    for name, generated in list((case.query or {}).items()):
        collection = FILTERS.get(name)
        if collection and isinstance(generated, str):
            case.query[name] = _pick(KNOWN[collection], generated)


HIDDEN = {*HIDDEN_SLUGS, str(DRAFT_UUID)}


def _asks_for_hidden_story(case) -> bool:
    """A request for one story that readers may not see (a draft, in review, scheduled)."""
    one_story = case.path.startswith("/api/v1/stories/{") and case.path.rstrip("/").endswith("}")
    return one_story and bool(HIDDEN & set(map(str, (case.path_parameters or {}).values())))


def _no_server_error(response) -> None:
    assert response.status_code < 500, response.text[:2000]


@schema.parametrize()
@EXAMPLES
def test_every_operation_answers_as_documented(case, world):
    response = case.call_and_validate()
    _no_server_error(response)


@known_rows.parametrize()
@EXAMPLES
def test_every_operation_on_real_rows_answers_as_documented(case, world):
    _with_known_rows(case, world)
    response = case.call_and_validate()
    _no_server_error(response)
    if _asks_for_hidden_story(case):
        assert response.status_code == 404, (case.path_parameters, response.status_code)


@pytest.fixture
def export_key(world, export_staff, superuser):
    """The raw secret of a key with the export permission, made through the keys' service."""
    from api.services import apikey_create

    _key, raw = apikey_create(by=superuser, owner=export_staff, name="Partner export")
    return raw


@known_rows.parametrize()
@EXAMPLES
def test_every_operation_with_an_export_key_answers_as_documented(case, world, export_key):
    _with_known_rows(case, world)
    response = case.call_and_validate(headers={"X-API-Key": export_key})
    _no_server_error(response)
    if _asks_for_hidden_story(case):
        assert response.status_code == 200, (case.path_parameters, response.status_code)

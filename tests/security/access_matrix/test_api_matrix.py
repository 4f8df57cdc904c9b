"""Every route of the content API, for every kind of caller and every story state: without an
export key no unpublished story's secret word appears in any answer (either format); with one,
the story list and the story itself show it; a revoked, expired or unknown key is a 401. And
the admin pages of API keys, for every role: each sees their own keys, superusers everyone's.

Routes are read from the URL resolver (the ``api`` namespace), their required query
parameters from the OpenAPI document: a new route is in the matrix as soon as it exists, and
fails here until its parameters have a value below.
"""

import datetime as dt
import re

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from api.main import api
from api.models import ApiKey
from api.services import apikey_create, apikey_revoke
from tests.security.access_matrix.world import (
    LOGIN,
    REDIRECT,
    ROLES,
    STATES,
    UNPUBLISHED,
    WORDS,
    assert_answer,
    body,
    secrets,
)

pytestmark = pytest.mark.django_db

# Who calls: no key, a key of each role (export staff and superusers hold the export
# permission), and keys that must be refused.
READERS = ["anonymous", "reporter", "editor"]
EXPORTERS = ["export_staff", "superuser"]
REFUSED = ["revoked", "expired", "unknown"]
CALLERS = READERS + EXPORTERS + REFUSED
FORMATS = {"json": {}, "ninjs": {"HTTP_ACCEPT": "application/ninjs+json"}}
STORY_ROUTES = {"api/v1/stories/", "api/v1/stories/<id_or_slug>"}


# The routes -----------------------------------------------------------------------------------


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield namespace, prefix + str(pattern.pattern)


def api_routes() -> list[str]:
    return sorted({route for ns, route in _walk(get_resolver().url_patterns) if ns == "api:"})


def required_queries() -> dict[str, list[str]]:
    """Route ("api/v1/search/") → the query parameters its GET requires."""
    found = {}
    for path, operations in api.get_openapi_schema()["paths"].items():
        route = re.sub(r"\{(\w+)\}", r"<\1>", path.lstrip("/"))
        found[route] = [
            parameter["name"]
            for parameter in operations.get("get", {}).get("parameters", [])
            if parameter["in"] == "query" and parameter.get("required")
        ]
    return found


# How each parameter is filled, for a state's story: (world, state) → value. Several values
# make several variants of one route (a story by uuid and by slug).
PATH_VALUES = {
    ("stories", "id_or_slug"): [
        lambda w, s: str(w.stories[s].uuid),
        lambda w, s: w.stories[s].slug,
    ],
    ("actors", "slug"): [lambda w, s: w.musk.slug],
    ("sections", "slug"): [lambda w, s: w.section.slug],
    ("topics", "slug"): [lambda w, s: f"sujet-{WORDS[s]}"],
    ("relationships", "id"): [lambda w, s: str(w.relationship.pk)],
}
QUERY_VALUES = {
    ("actors", "to"): lambda w, s: w.bezos.slug,
    ("search", "q"): lambda w, s: WORDS[s],
}


def _segment(route: str) -> str:
    return route.removeprefix("api/v1/").split("/", 1)[0]


def variants(route: str) -> list:
    """The URL builders of one route, (world, state) → URL; a parameter with no value here
    is a failure naming it."""
    names = re.findall(r"<(?:\w+:)?(\w+)>", route)
    choices = [PATH_VALUES.get((_segment(route), name)) for name in names]
    queries = [(name, QUERY_VALUES.get((_segment(route), name))) for name in QUERIES[route]]
    missing = [n for n, c in zip(names, choices, strict=True) if c is None]
    missing += [n for n, value in queries if value is None]
    assert not missing, f"/{route}: give {missing} a value in test_api_matrix.py's tables"
    built = [route]
    for name, values in zip(names, choices, strict=True):
        built = [(b, name, v) for b in built for v in values]
    builders = []
    for combination in built:
        steps = []
        while isinstance(combination, tuple):
            combination, name, value = combination
            steps.append((name, value))
        builders.append(_builder(route, steps, queries))
    return builders


def _builder(route, steps, queries):
    def url(w, s):
        path = route
        for name, value in steps:
            path = re.sub(rf"<(?:\w+:)?{name}>", value(w, s), path)
        query = "&".join(f"{name}={value(w, s)}" for name, value in queries)
        return "/" + path + (f"?{query}" if query else "")

    return url


ROUTES = api_routes()
QUERIES_DOCUMENTED = required_queries()
QUERIES = {route: QUERIES_DOCUMENTED.get(route, []) for route in ROUTES}


# The callers ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def raw_keys(world, django_db_blocker):
    """A key per caller, made inside the world's transaction and rolled back with this module."""
    with django_db_blocker.unblock():
        inner = transaction.atomic()
        inner.__enter__()
        try:
            made = {
                role: apikey_create(by=None, name=f"Clé {role}", owner=world.users[role])[1]
                for role in ["reporter", "editor", *EXPORTERS]
            }
            revoked, made["revoked"] = apikey_create(
                by=None, name="Révoquée", owner=world.users["export_staff"]
            )
            apikey_revoke(by=None, key=revoked)
            expired, made["expired"] = apikey_create(
                by=None, name="Périmée", owner=world.users["export_staff"]
            )
            ApiKey.objects.filter(pk=expired.pk).update(
                expires_at=timezone.now() - dt.timedelta(minutes=1)
            )
            made["unknown"] = "nr_" + "0" * 43
            yield made
        finally:
            transaction.set_rollback(True)
            inner.__exit__(None, None, None)


@pytest.fixture(scope="module")
def api_fetch(raw_keys):
    """GET answers as each caller sees them, memoised (the data does not change)."""
    memo, client = {}, Client()

    def fetch(caller: str, url: str, fmt: str):
        if (caller, url, fmt) not in memo:
            headers = dict(FORMATS[fmt])
            if caller in raw_keys:
                # Both ways of sending a key, alternately.
                if len(memo) % 2:
                    headers["HTTP_X_API_KEY"] = raw_keys[caller]
                else:
                    headers["HTTP_AUTHORIZATION"] = f"Bearer {raw_keys[caller]}"
            with override_settings(
                NEWSROOM_API_ANON_RATE="100000/min", NEWSROOM_API_KEY_RATE="100000/min"
            ):
                response = client.get(url, **headers)
            memo[caller, url, fmt] = (response, body(response))
        return memo[caller, url, fmt]

    return fetch


def _cases():
    for route in ROUTES:
        for caller in CALLERS:
            for state in STATES:
                yield pytest.param(route, caller, state, id=f"/{route}|{caller}|{state}")


@pytest.mark.parametrize(("route", "caller", "state"), list(_cases()))
def test_api_route_matrix(world, api_fetch, route, caller, state):
    for url_of in variants(route):
        url = url_of(world, state)
        for fmt in FORMATS:
            response, text = api_fetch(caller, url, fmt)
            where = f"{caller} {fmt} {url}"
            assert response.status_code < 500, where
            if caller in REFUSED and route not in QUERIES_DOCUMENTED:
                continue  # the document and its page: no operation, no key asked
            if caller in REFUSED:
                assert response.status_code == 401, where
                assert response.json()["detail"], where
                continue
            assert response.status_code != 401, where
            if caller in READERS:
                for hidden in UNPUBLISHED:
                    # What the caller typed in the URL is no secret to them.
                    leaked = [s for s in secrets(world, hidden) if s in text and s not in url]
                    assert not leaked, f"{hidden} story leaked to {where}: {leaked}"
            shown = caller in EXPORTERS or state == "published"
            if route in STORY_ROUTES and shown:
                # The story list and the story itself show it (a positive control too).
                assert response.status_code == 200, where
                assert WORDS[state] in text.lower(), f"{state} story missing for {where}"


def test_the_matrix_reaches_every_route_and_the_story_routes():
    assert STORY_ROUTES <= set(ROUTES)
    documented = set(required_queries())
    assert documented <= set(ROUTES)  # every documented route is walked


# The admin pages of API keys --------------------------------------------------------------------


@pytest.fixture(scope="module")
def admin_keys(world, raw_keys):
    by_owner = {
        role: ApiKey.objects.get(owner=world.users[role], name=f"Clé {role}")
        for role in ["editor", "export_staff", "superuser"]
    }
    by_owner["revoked"] = ApiKey.objects.exclude(revoked_at=None).get()
    return by_owner


OK, FORBIDDEN, GONE = 200, 403, REDIRECT  # another's key "does not exist" for staff


def admin_expect(role: str, view: str, owner: str) -> object:
    if role == "anonymous":
        return LOGIN
    if role == "reporter" or view == "delete":
        return FORBIDDEN  # reporters hold no key; nobody deletes one: it is revoked
    if view in ("changelist", "add"):
        return OK
    owner_role = "export_staff" if owner == "revoked" else owner
    return OK if role == "superuser" or role == owner_role else GONE


def _admin_cases():
    for role in ROLES:
        for view in ("changelist", "add"):
            yield pytest.param(role, view, "", id=f"{role}|{view}")
        for view in ("change", "history", "delete"):
            for owner in ["editor", "export_staff", "superuser", "revoked"]:
                yield pytest.param(role, view, owner, id=f"{role}|{view}|{owner}")


@pytest.mark.parametrize(("role", "view", "owner"), list(_admin_cases()))
def test_api_key_admin_matrix(world, clients, admin_keys, role, view, owner):
    args = [admin_keys[owner].pk] if owner else []
    url = reverse(f"admin:api_apikey_{view}", args=args)
    response = clients[role].get(url)
    assert_answer(response, admin_expect(role, view, owner), url)
    text = body(response)
    for key in admin_keys.values():
        assert key.hash not in text, url
    if view == "changelist" and response.status_code == 200:
        for owner_role, key in admin_keys.items():
            mine = role == "superuser" or world.users[role] == key.owner
            assert (key.prefix in text) == mine, f"{owner_role}'s key on {role}'s list"
    if view == "change" and owner == "revoked" and response.status_code == 200:
        assert "Revoke this key" not in text and 'name="revoke"' not in text


@pytest.mark.parametrize("role", ROLES)
def test_api_key_revoke_action_matrix(world, clients, role):
    """Each role revokes exactly its own keys from the list; superusers anyone's."""
    holders = ["editor", "export_staff", "superuser"]
    fresh = {
        holder: apikey_create(by=None, name="À révoquer", owner=world.users[holder])[0]
        for holder in holders
    }
    response = clients[role].post(
        reverse("admin:api_apikey_changelist"),
        {"action": "revoke_selected", "_selected_action": [key.pk for key in fresh.values()]},
    )
    if role == "anonymous":
        assert_answer(response, LOGIN, "revoke_selected")
    revoked = {
        holder
        for holder, key in fresh.items()
        if ApiKey.objects.get(pk=key.pk).revoked_at is not None
    }
    expected = set(holders) if role == "superuser" else {role} & set(holders)
    assert revoked == expected, role
    ApiKey.objects.filter(pk__in=[key.pk for key in fresh.values()]).delete()

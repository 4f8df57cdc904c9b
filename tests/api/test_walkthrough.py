"""Issue 18's "Done when", on the demo newsroom: a partner starts from the OpenAPI document
alone, lists the stories tagging Jeff Bezos as ninjs, follows the cursor to the end, and
gets 304 on a repeated request; the demo's draft never shows without a key, and does with
an export key."""

import json
from urllib.parse import urlencode, urlsplit

import pytest
from django.utils.http import http_date

from actors.models import Actor
from articles.models import Article
from exports.ninjs import story_uri
from tests.api.test_ninjs_api import items, next_url
from tests.demo import conftest as demo
from tests.exports.conftest import assert_valid_ninjs

# The demo's fixtures (tests/demo/conftest.py): the loaded demo, with fast password hashing.
loaded, fast_passwords = demo.loaded, demo.fast_passwords

pytestmark = pytest.mark.django_db

OPENAPI = "/api/v1/openapi.json"
DRAFT = "bezos-sanchez-projets-de-mariage"  # the demo's draft (demo/data/stories.json)


@pytest.fixture(autouse=True)
def _generous_rate(settings):
    settings.NEWSROOM_API_ANON_RATE = "100000/min"


def _schema_of(parameter: dict) -> dict:
    return parameter.get("schema") or {}


def _enum_values(schema: dict) -> set:
    values = set(schema.get("enum") or ())
    for option in schema.get("anyOf", []) + schema.get("oneOf", []):
        values |= _enum_values(option)
    return values


def stories_list_operation(document: dict) -> tuple[str, dict[str, str]]:
    """The path of the operation listing stories and the names the document gives to its
    actor filter, format choice and page size, found as a reader of the document would."""
    candidates = [
        (path, ops["get"])
        for path, ops in document["paths"].items()
        if "get" in ops and "{" not in path and path.rstrip("/").endswith("/stories")
    ]
    assert len(candidates) == 1, [path for path, _ in candidates]
    path, operation = candidates[0]
    parameters = [p for p in operation.get("parameters", []) if p["in"] == "query"]
    names = {}
    for parameter in parameters:
        text = f"{parameter['name']} {parameter.get('description', '')}".lower()
        schema = _schema_of(parameter)
        if "ninjs" in _enum_values(schema) or "ninjs" in text and "format" in text:
            names["format"] = parameter["name"]
        elif parameter["name"] in ("limit", "page_size", "per_page"):
            names["limit"] = parameter["name"]
        elif parameter["name"] == "actor" or "actor" in parameter["name"]:
            names["actor"] = parameter["name"]
    assert {"format", "limit", "actor"} <= set(names), (names, [p["name"] for p in parameters])
    actor = next(p for p in parameters if p["name"] == names["actor"])
    # The document says what the actor filter takes: the actor's slug, as in its URL.
    assert "slug" in json.dumps(actor).lower(), actor
    return path, names


def _relative(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client, url: str, **headers) -> list[dict]:
    """Every story of every page, following ``next`` to the end."""
    stories, seen, pages = [], set(), 0
    while url:
        url = _relative(url)
        assert url not in seen, f"the cursor came back to {url}"
        seen.add(url)
        response = client.get(url, **headers)
        assert response.status_code == 200, response.content[:500]
        stories += items(response.json())
        pages += 1
        url = next_url(response)
    return stories, pages


def test_a_partner_lists_bezos_stories_as_ninjs_from_the_document_alone(client, loaded):
    document = client.get(OPENAPI).json()
    path, names = stories_list_operation(document)
    query = {names["actor"]: "jeff-bezos", names["format"]: "ninjs", names["limit"]: 1}
    first = f"{path}?{urlencode(query)}"
    stories, pages = crawl(client, first)
    for story in stories:
        assert_valid_ninjs(story)
    bezos = Actor.objects.get(slug="jeff-bezos")
    expected = (
        Article.objects.published()
        .filter(actor_tags__actor=bezos)
        .distinct()
        .order_by("-publish_at", "-pk")
    )
    # Every public story tagging him, exactly once, newest first, over several pages.
    assert [s["uri"] for s in stories] == [story_uri(a.uuid) for a in expected]
    assert len(stories) >= 3 and pages >= len(stories)
    assert DRAFT not in {s.get("slugline") for s in stories}

    # Asked again with what the first answer said of itself: nothing new, 304 and no body.
    answer = client.get(first)
    etag, modified = answer.get("ETag"), answer.get("Last-Modified")
    assert etag and modified, dict(answer.headers)
    again = client.get(first, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and not again.content
    since = client.get(first, HTTP_IF_MODIFIED_SINCE=modified)
    assert since.status_code == 304 and not since.content
    # An older copy is not good enough.
    older = http_date(expected.first().publish_at.timestamp() - 86_400)
    assert client.get(first, HTTP_IF_MODIFIED_SINCE=older).status_code == 200


def _every_answer(client, draft: Article, **headers) -> dict[str, object]:
    """What a caller can ask about the draft or find it through: every list page, the
    draft by slug and by uuid in both formats, the stories tagging its actors, search."""
    answers = {}
    all_stories, _pages = crawl(client, "/api/v1/stories/?limit=5", **headers)
    answers["list"] = all_stories
    ninjs, _pages = crawl(client, "/api/v1/stories/?format=ninjs&limit=5", **headers)
    answers["list ninjs"] = ninjs
    for actor in draft.actors.all():
        tagged, _pages = crawl(client, f"/api/v1/stories/?actor={actor.slug}", **headers)
        answers[f"tagging {actor.slug}"] = tagged
    for ident in (draft.slug, draft.uuid):
        for suffix in ("", "?format=ninjs"):
            response = client.get(f"/api/v1/stories/{ident}{suffix}", **headers)
            answers[f"detail {ident}{suffix}"] = response
    answers["search"] = client.get(f"/api/v1/search/?{urlencode({'q': draft.title})}", **headers)
    return answers


def _mentions(answer, draft: Article) -> bool:
    if isinstance(answer, list):
        text = json.dumps(answer)
    else:
        text = answer.content.decode()
    return draft.slug in text or str(draft.uuid) in text


def test_the_demo_draft_never_shows_without_a_key_and_does_with_an_export_key(
    client, loaded, export_staff, superuser
):
    from api.services import apikey_create

    draft = Article.objects.get(slug=DRAFT)
    assert draft.status != Article.Status.PUBLISHED
    for name, answer in _every_answer(client, draft).items():
        assert not _mentions(answer, draft), name
        if not isinstance(answer, list) and name.startswith("detail"):
            assert answer.status_code == 404, name
    _key, raw = apikey_create(by=superuser, owner=export_staff, name="Partner export")
    keyed = _every_answer(client, draft, HTTP_X_API_KEY=raw)
    for name in ("list", "list ninjs", "tagging jeff-bezos"):
        assert _mentions(keyed[name], draft), name
    for name, answer in keyed.items():
        if name.startswith("detail"):
            assert answer.status_code == 200 and _mentions(answer, draft), name

"""Every story the API answers in ninjs validates against IPTC's ninjs 3.1 schema: list items
and single stories, asked for with ``?format=ninjs`` or ``Accept: application/ninjs+json``,
for a story with a picture, a correction, actors of every kind and related stories."""

import pytest

from exports.ninjs import story_uri
from tests.api.world import build_world
from tests.exports.conftest import assert_valid_ninjs

pytestmark = pytest.mark.django_db

STORIES = "/api/v1/stories/"
NINJS = "application/ninjs+json"


@pytest.fixture
def world(db, settings):
    settings.NEWSROOM_API_ANON_RATE = "100000/min"
    return build_world()


def items(body) -> list[dict]:
    """The stories of a list answer (a page object holding them, or the list itself)."""
    if isinstance(body, list):
        return body
    for name in ("items", "results", "data", "stories"):
        if isinstance(body.get(name), list):
            return body[name]
    raise AssertionError(f"no list of stories in the answer: {sorted(body)}")


def next_url(response) -> str | None:
    body = response.json()
    link = body.get("next") if isinstance(body, dict) else None
    return link or None


def ninjs_page(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, response.content[:500]
    documents = items(response.json())
    for document in documents:
        assert_valid_ninjs(document)
    return response, documents


def every_ninjs_page(client, url, **headers) -> list[dict]:
    documents, seen = [], set()
    while url:
        assert url not in seen, f"the cursor came back to {url}"
        seen.add(url)
        response, page = ninjs_page(client, url, **headers)
        documents += page
        url = next_url(response)
    return documents


@pytest.mark.parametrize(
    "ask",
    [{"params": "?format=ninjs"}, {"params": "", "HTTP_ACCEPT": NINJS}],
    ids=["query", "accept"],
)
def test_every_story_of_the_list_validates_as_ninjs(client, world, ask):
    headers = {k: v for k, v in ask.items() if k != "params"}
    documents = every_ninjs_page(client, f"{STORIES}{ask['params']}", **headers)
    assert [d["uri"] for d in documents] == [story_uri(s.uuid) for s in world.stories]
    # Filtered and paged lists hold the same documents.
    small = every_ninjs_page(client, f"{STORIES}?format=ninjs&limit=1&actor=jeff-bezos", **headers)
    assert [d["uri"] for d in small] == [story_uri(world.public.uuid), story_uri(world.rich.uuid)]


@pytest.mark.parametrize("by", ["slug", "uuid"])
@pytest.mark.parametrize("ask", ["query", "accept"])
def test_the_richest_story_validates_as_ninjs_and_carries_everything(client, world, by, ask):
    story = world.rich
    url = f"{STORIES}{getattr(story, by)}"
    if ask == "query":
        response = client.get(f"{url}?format=ninjs")
    else:
        response = client.get(url, HTTP_ACCEPT=NINJS)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith(("application/json", NINJS))
    document = response.json()
    assert_valid_ninjs(document)
    assert document["uri"] == story_uri(story.uuid)
    # Actors of every kind, each in the list ninjs keeps for it.
    assert [p["literal"] for p in document["people"]] == ["elon-musk", "jeff-bezos"]
    assert [o["literal"] for o in document["organisations"]] == ["nasa"]
    assert [p["literal"] for p in document["places"]] == ["floride"]
    assert [e["literal"] for e in document["events"]] == ["diner-mar-a-lago"]
    corrections = [d for d in document["descriptions"] if d["role"] == "correction"]
    assert corrections[0]["value"] == "Le dîner a eu lieu mercredi, pas jeudi."
    associations = document["associations"]
    pictures = [a for a in associations if a["type"] == "picture"]
    assert pictures and len(pictures[0]["renditions"]) > 1
    related = [a["uri"] for a in associations if a.get("rel") == "related"]
    # The draft it links to is not shown to a reader.
    assert related == [story_uri(world.public.uuid), story_uri(world.rocket.uuid)]
    assert document["by"] == "Hélène Garnier, Paul Durand"


def test_the_json_answer_is_not_ninjs_unless_asked(client, world):
    response = client.get(f"{STORIES}{world.rich.slug}")
    assert response.status_code == 200
    assert "standard" not in response.json()


def test_a_key_with_the_export_permission_gets_drafts_as_valid_ninjs(
    client, world, export_staff, superuser
):
    from api.services import apikey_create

    _key, raw = apikey_create(by=superuser, owner=export_staff, name="Partner export")
    for story in world.unpublished:
        response = client.get(f"{STORIES}{story.uuid}?format=ninjs", HTTP_X_API_KEY=raw)
        assert response.status_code == 200, (story.slug, response.content[:300])
        assert_valid_ninjs(response.json())
        assert response.json()["pubStatus"] == "withheld"
    documents = every_ninjs_page(client, f"{STORIES}?format=ninjs&limit=2", HTTP_X_API_KEY=raw)
    uris = {d["uri"] for d in documents}
    assert {story_uri(s.uuid) for s in world.unpublished + world.stories} <= uris

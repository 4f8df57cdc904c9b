"""One story: by uuid or slug, the newsroom's JSON or ninjs, and nothing readers cannot see."""

import pytest

from api.story_schemas import StoryOut
from articles.models import ArticleOldSlug
from tests.api.conftest import API
from tests.exports.conftest import assert_valid_ninjs

pytestmark = pytest.mark.django_db
LIST = f"{API}/stories/"


def detail(story) -> str:
    return f"{API}/stories/{story.slug}"


def test_one_story_by_slug_or_uuid_with_everything_it_carries(client, api_world):
    story = api_world.musk_bezos
    body = client.get(detail(story)).json()
    assert client.get(f"{API}/stories/{story.uuid}").json() == body
    StoryOut.model_validate(body)
    assert (body["uuid"], body["title"], body["section"]) == (
        str(story.uuid),
        story.title,
        {"slug": "espace", "name": "Espace"},
    )
    assert [c["slug"] for c in body["contributors"]] == ["helene-garnier", "paul-durand"]
    assert [(a["slug"], a["role"]) for a in body["actors"]] == [
        ("elon-musk", "about"),
        ("jeff-bezos", "about"),
        ("nasa", "mentions"),
    ]
    assert body["actors"][0]["aliases"] == ["Musk"]
    assert [t["slug"] for t in body["topics"]] == ["espace", "milliardaires"]
    assert [c["text"] for c in body["corrections"]] == ["Le dîner a eu lieu mercredi."]
    image = body["lead_image"]
    assert image["source"] == "Agence Exemple"
    assert [r["name"] for r in image["renditions"]] == ["w240", "w480", "w800", "social", "w1200"]
    assert body["url"].endswith("/articles/musk-bezos-diner/")
    assert body["body"] is None and body["body_html"].startswith("<p>")


def test_an_old_slug_answers_301_to_the_current_address(client, api_world):
    ArticleOldSlug.objects.create(article=api_world.rocket, slug="ancienne-fusee")
    response = client.get(f"{API}/stories/ancienne-fusee?format=ninjs")
    assert response.status_code == 301
    assert response["Location"] == f"{API}/stories/fusee-nasa?format=ninjs"


def test_hidden_stories_are_404_without_a_key(client, api_world):
    ArticleOldSlug.objects.create(article=api_world.draft, slug="ancien-brouillon")
    for story in api_world.hidden:
        for key in (story.slug, story.uuid):
            response = client.get(f"{API}/stories/{key}")
            assert response.status_code == 404, key
            assert response.json()["errors"] == [
                {"parameter": "id_or_slug", "message": "No story at this address."}
            ]
    assert client.get(f"{API}/stories/ancien-brouillon").status_code == 404


@pytest.mark.parametrize("key", ["nope", "x" * 5000, "%F0%9F%92%A5" * 50, "%ED%A0%80", "0" * 32])
def test_hostile_keys_are_404_not_500(client, api_world, key):
    assert client.get(f"{API}/stories/{key}").status_code == 404


@pytest.mark.parametrize("fmt", ["json", "ninjs"])
def test_nothing_known_only_from_a_hidden_story_reaches_a_reader(client, api_world, fmt):
    """Not in the list, nor through a related link, in either format."""
    secrets = [str(story.uuid) for story in api_world.hidden]
    secrets += [story.title for story in api_world.hidden]
    for url in (f"{LIST}?format={fmt}", f"{detail(api_world.musk_bezos)}?format={fmt}"):
        text = client.get(url).content.decode()
        assert not [secret for secret in secrets if secret in text], url
    body = client.get(f"{detail(api_world.musk_bezos)}?format={fmt}").json()
    related = body["related"] if fmt == "json" else body["associations"][1:]
    assert [link.get("slug") or link["name"] for link in related] == [
        "fusee-nasa" if fmt == "json" else api_world.rocket.title
    ]


def test_an_export_key_reads_hidden_stories_and_their_links(client, api_world, export_key):
    for story in api_world.hidden:
        assert client.get(detail(story)).json()["status"] == story.status
    assert client.get(detail(api_world.rocket)).json()["body"] == api_world.rocket.body
    ninjs = client.get(f"{detail(api_world.rocket)}?format=ninjs").json()
    assert "source" in [body["role"] for body in ninjs["bodies"]]
    body = client.get(detail(api_world.musk_bezos)).json()
    assert [link["slug"] for link in body["related"]] == [
        "fusee-nasa",
        "brouillon-secret",
        "programme-demain",
    ]


def test_ninjs_by_parameter_or_accept_is_valid_ninjs(client, api_world):
    story = api_world.musk_bezos
    by_parameter = client.get(f"{detail(story)}?format=ninjs").json()
    for accept in ("application/ninjs+json", "application/vnd.iptc.ninjs+json"):
        assert client.get(detail(story), HTTP_ACCEPT=accept).json() == by_parameter
    assert_valid_ninjs(by_parameter)
    assert by_parameter["uri"] == f"urn:uuid:{story.uuid}"
    assert [body["role"] for body in by_parameter["bodies"]] == ["main", "main"]
    assert [p["literal"] for p in by_parameter["people"]] == ["elon-musk", "jeff-bezos"]
    for document in client.get(f"{LIST}?format=ninjs").json()["items"]:
        assert_valid_ninjs(document)


def test_a_real_export_key_reads_a_draft_privately(client, api_world, superuser, export_staff):
    from api.services import apikey_create

    _key, raw = apikey_create(by=superuser, name="Partenaire", owner=export_staff)
    url = detail(api_world.draft)
    assert client.get(url).status_code == 404
    response = client.get(url, HTTP_X_API_KEY=raw)
    assert response.status_code == 200 and response.json()["status"] == "draft"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    listed = client.get(f"{LIST}?status=draft", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert [item["slug"] for item in listed.json()["items"]] == ["brouillon-secret"]
    assert client.get(url).status_code == 404  # nothing of it stayed for the next reader

"""GET /api/v1/sections/ and /api/v1/topics/: the desk's sections, and the topics of public
stories counted as the topics index counts them."""

import pytest
from django.urls import reverse

from tests.api.conftest import API
from tests.api.test_actors import SITE, _unthrottled, refused  # noqa: F401 - the autouse fixture
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_sections_in_the_desks_order(client, api_world):
    SectionFactory(slug="culture", name="Culture", position=9)
    SectionFactory(slug="monde", name="Monde", position=1)
    sections = client.get(f"{API}/sections/").json()
    # Position first; the two sections at 0 by name ("Économie", "Espace": the collation's).
    assert [row["slug"] for row in sections][2:] == ["monde", "culture"]
    assert {row["slug"] for row in sections[:2]} == {"economie", "espace"}
    espace = client.get(f"{API}/sections/espace").json()
    assert espace["name"] == "Espace"
    assert espace["url"] == f"{SITE}/sections/espace/"
    assert espace["stories_url"] == f"{SITE}{API}/stories/?section=espace"


def test_an_unknown_section_is_a_json_404(client, api_world):
    response = client.get(f"{API}/sections/{'x' * 3000}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_topics_of_public_stories_with_the_counts_the_index_shows(client, api_world):
    # A topic only a draft uses could give a scoop away.
    ArticleFactory(status="draft", publish_at=None, tags=["fusion secrète"])
    topics = client.get(f"{API}/topics/").json()
    counts = {row["slug"]: row["public_stories"] for row in topics["results"]}
    assert counts == {"bourse": 1, "espace": 2, "milliardaires": 1}

    page = client.get(reverse("articles:tags"))
    assert {topic.slug: topic.public_stories for topic in page.context["topics"]} == counts


def test_one_topic(client, api_world):
    espace = client.get(f"{API}/topics/espace").json()
    assert espace["public_stories"] == 2
    assert espace["url"] == f"{SITE}/tags/espace/"
    assert espace["stories_url"] == f"{SITE}{API}/stories/?topic=espace"


def test_a_topic_only_a_draft_uses_is_not_found(client, api_world):
    ArticleFactory(status="draft", publish_at=None, tags=["fusion secrète"])
    assert client.get(f"{API}/topics/fusion-secrete").status_code == 404
    assert client.get(f"{API}/topics/nowhere").status_code == 404


def test_the_next_links_lead_through_every_topic_once(client, db):
    names = [f"thème {n:02d}" for n in range(12)]
    for name in names:
        ArticleFactory(tags=[name])
    seen, url = [], f"{SITE}{API}/topics/?limit=5"
    while url:
        page = client.get(url.removeprefix(SITE)).json()
        seen += [row["name"] for row in page["results"]]
        url = page["next"]
    assert seen == names


def test_bad_topic_pages_are_refused_by_name(client, api_world):
    refused(client.get(f"{API}/topics/", {"cursor": "@@@"}), "cursor")
    refused(client.get(f"{API}/topics/", {"limit": "1000"}), "limit")

"""Cached answers about actors, relationships and topics go when what they show changes, and
stay when an unrelated row does (the reader pages' precise invalidation)."""

import pytest
from django.core.cache import caches

from actors.models import RelationshipKind
from actors.services import relationship_record
from articles.services import article_publish
from tests.api.conftest import API
from tests.api.test_actors import _unthrottled  # noqa: F401 - the autouse fixture
from tests.factories import ActorFactory, ArticleActorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache_on(settings):
    settings.NEWSROOM_PAGE_CACHE = True
    caches["pages"].clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def cached(client, *urls) -> None:
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_publishing_the_only_evidence_shows_the_relationship_and_the_actor(
    client, api_world, page_cache_on, committed, editor
):
    secret = ActorFactory(name="Source Secrète", slug="source-secrete", listed=False)
    ArticleActorFactory(article=api_world.draft, actor=secret)
    met = relationship_record(
        source=secret,
        kind=RelationshipKind.objects.get(slug="met"),
        target=api_world.bezos,
        evidence=[api_world.draft],
    )
    bezos, one = f"{API}/actors/jeff-bezos", f"{API}/relationships/{met.pk}"
    everything = f"{API}/relationships/"
    actors, secret_page = f"{API}/actors/", f"{API}/actors/source-secrete"
    cached(client, bezos, everything, actors, f"{everything}?actor=jeff-bezos")
    assert client.get(one).status_code == 404
    assert client.get(secret_page).status_code == 404

    with committed():
        article_publish(article=api_world.draft, by=editor)

    labels = [rel["label"] for rel in client.get(bezos).json()["relationships"]]
    assert "met" in labels
    assert met.pk in [row["id"] for row in client.get(everything).json()["results"]]
    assert client.get(one).json()["evidence"][0]["title"] == api_world.draft.title
    assert "source-secrete" in [row["slug"] for row in client.get(actors).json()["results"]]
    assert client.get(secret_page).status_code == 200


def test_an_edited_relationship_retires_its_answers_not_an_unrelated_actors(
    client, api_world, page_cache_on, committed
):
    rivals = api_world.bezos.relationships_in.get()
    one, bezos, nasa = (
        f"{API}/relationships/{rivals.pk}",
        f"{API}/actors/jeff-bezos",
        f"{API}/actors/nasa",
    )
    cached(client, one, bezos, nasa)
    with committed():
        rivals.note = "Depuis 2004."
        rivals.save()
    assert client.get(one).json()["note"] == "Depuis 2004."
    assert client.get(bezos).json()["relationships"][0]["note"] == "Depuis 2004."
    assert client.get(nasa)["X-Page-Cache"] == "hit"


def test_a_topic_first_used_by_a_published_story_appears(
    client, api_world, page_cache_on, committed, editor
):
    api_world.draft.tags.add("fusion")
    topics, fusion = f"{API}/topics/", f"{API}/topics/fusion"
    cached(client, topics)
    assert client.get(fusion).status_code == 404
    with committed():
        article_publish(article=api_world.draft, by=editor)
    assert "fusion" in [row["slug"] for row in client.get(topics).json()["results"]]
    assert client.get(fusion).json()["public_stories"] == 1

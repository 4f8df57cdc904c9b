"""Grace: while a retired page renders again, other readers get the previous copy, unless
the change withdrew something (a story unpublished or moved to a later time, a deletion, a
removed link, a change with no precise rule). Each test runs on every page cache, as in
test_pagecache_tags, with the render lock taken as if another request held it."""

import pytest
from django.utils import timezone

from articles.models import Article
from articles.services import article_save, article_unpublish
from tests.factories import ContributorFactory, sign
from tests.newsroom.pagecache_reads import warm

pytestmark = pytest.mark.django_db


@pytest.fixture
def rendering_elsewhere(shared_cache, monkeypatch):
    """Every page is being rendered by another request (its render lock is taken)."""
    add = shared_cache.add

    def taken(key, *args, **kwargs):
        return False if key.startswith("rendering:") else add(key, *args, **kwargs)

    monkeypatch.setattr(shared_cache, "add", taken)


def test_others_get_the_previous_copy_while_an_edited_page_renders(
    client, desk, committed, rendering_elsewhere
):
    url = desk["a"]["story"]
    warm(client, [url])
    with committed():
        story = Article.objects.get(pk=desk["a"]["objects"]["story"].pk)
        story.title = "Histoire A, corrigée"
        article_save(article=story, by=desk["editor"])
    previous = client.get(url)
    assert previous["X-Page-Cache"] == "stale"
    assert "Histoire a" in previous.content.decode()


def test_an_unpublished_story_is_never_given_from_a_previous_copy(
    client, desk, committed, rendering_elsewhere
):
    lists = ["/", desk["a"]["section"], desk["a"]["actor"]]
    warm(client, lists)
    with committed():
        article_unpublish(article=desk["a"]["objects"]["story"], by=desk["editor"])
    for url in lists:
        response = client.get(url)
        assert response.get("X-Page-Cache") != "stale", url
        assert "Histoire a" not in response.content.decode(), url


def test_a_story_moved_to_a_later_time_is_never_given_from_a_previous_copy(
    client, desk, committed, rendering_elsewhere
):
    lists = ["/", desk["a"]["section"], desk["a"]["story"]]
    warm(client, lists)
    with committed():
        story = Article.objects.get(pk=desk["a"]["objects"]["story"].pk)
        story.publish_at = timezone.now() + timezone.timedelta(days=1)
        story.save()
    for url in lists:
        response = client.get(url)
        assert response.get("X-Page-Cache") != "stale", url
        assert "Histoire a" not in response.content.decode(), url


def test_a_removed_topic_is_never_given_from_a_previous_copy(
    client, desk, committed, rendering_elsewhere
):
    url = desk["a"]["story"]
    warm(client, [url])
    with committed():
        desk["a"]["objects"]["story"].tags.clear()
    response = client.get(url)
    assert response.get("X-Page-Cache") != "stale"
    assert "sujet-a" not in response.content.decode()


def test_a_removed_byline_is_never_given_from_a_previous_copy(
    client, desk, committed, rendering_elsewhere
):
    story, url = desk["a"]["objects"]["story"], desk["a"]["story"]
    author = ContributorFactory(name="Camille")
    with committed():
        sign(story, author)
    warm(client, [url])
    with committed():
        story.bylines.get(contributor=author).delete()
    response = client.get(url)
    assert response.get("X-Page-Cache") != "stale"
    assert "Camille" not in response.content.decode()


def test_a_deletion_is_never_given_from_a_previous_copy(
    client, desk, committed, rendering_elsewhere
):
    url = desk["a"]["story"]
    warm(client, [url])
    with committed():
        desk["a"]["objects"]["story"].actor_tags.all().delete()
    response = client.get(url)
    assert response.get("X-Page-Cache") != "stale"
    assert "Acteur a" not in response.content.decode()


def test_a_change_with_no_precise_rule_is_never_given_from_a_previous_copy(
    client, desk, committed, rendering_elsewhere
):
    url = desk["a"]["story"]
    warm(client, [url])
    with committed():
        section = desk["a"]["objects"]["section"]
        section.name = "Rubrique renommée"
        section.save()
    response = client.get(url)
    assert response.get("X-Page-Cache") != "stale"
    assert "Rubrique renommée" in response.content.decode()

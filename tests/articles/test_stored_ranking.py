"""Related stories ranked when their lists change, not on every view; readers never see a
story that is not public, nor miss one that became public through a change or by time."""

import re
from datetime import timedelta

import pytest
from django.db import DatabaseError
from django.utils import timezone

from articles.models import ListChange, RelatedRanking
from articles.related import record_list_changes
from tests.factories import ActorFactory, ArticleActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db


def related_titles(client, story) -> list[str]:
    page = client.get(story.get_absolute_url()).content.decode()
    listing = re.search(r'<ul class="related-list">(.*?)</ul>', page, re.S)
    return re.findall(r'lang="fr">([^<]+)</a>', listing.group(1)) if listing else []


@pytest.fixture
def musk():
    return ActorFactory(name="Elon Musk")


def tagged(actor, **fields):
    story = ArticleFactory(**fields)
    ArticleActorFactory(article=story, actor=actor)
    return story


def test_the_ranking_is_stored_and_read_again_until_its_lists_change(client, musk):
    story = tagged(musk, title="Le lancement")
    tagged(musk, title="La fusée")
    assert related_titles(client, story) == ["La fusée"]
    stored = RelatedRanking.objects.get(article=story)
    # Read again, not ranked again: a story tagged behind the desk's back is not seen...
    tagged(musk, title="Sans signal")
    assert related_titles(client, story) == ["La fusée"]
    # ... until a committed change to the actor's list stamps it.
    record_list_changes(frozenset({f"stories:actor:{musk.pk}"}))
    assert related_titles(client, story) == ["Sans signal", "La fusée"]
    assert RelatedRanking.objects.get(article=story).digest != stored.digest


def test_a_story_published_through_the_desk_appears_at_once(
    client, musk, django_capture_on_commit_callbacks
):
    story = tagged(musk, title="Le lancement")
    assert related_titles(client, story) == []
    with django_capture_on_commit_callbacks(execute=True):
        tagged(musk, title="Nouvelle")
    assert related_titles(client, story) == ["Nouvelle"]


def test_a_story_leaving_an_actor_leaves_its_related_stories(
    client, musk, django_capture_on_commit_callbacks
):
    story = tagged(musk, title="Le lancement")
    other = tagged(musk, title="Ancienne")
    assert related_titles(client, story) == ["Ancienne"]
    with django_capture_on_commit_callbacks(execute=True):
        other.actor_tags.all().delete()
    assert related_titles(client, story) == []


def test_a_story_no_longer_public_is_never_shown_even_from_a_stored_ranking(client, musk):
    story = tagged(musk, title="Le lancement")
    other = tagged(musk, title="Retirée")
    assert related_titles(client, story) == ["Retirée"]
    # Unpublished without any hook running: the stored ranking still names it.
    type(other).objects.filter(pk=other.pk).update(status="draft")
    assert related_titles(client, story) == []
    assert RelatedRanking.objects.get(article=story).entries[0][0] == other.pk


def test_a_scheduled_story_appears_when_its_time_comes(client, musk, monkeypatch):
    story = tagged(musk, title="Le lancement")
    start = timezone.now()
    tagged(musk, title="Programmée", publish_at=start + timedelta(hours=1))
    assert related_titles(client, story) == []
    later = start + timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert related_titles(client, story) == ["Programmée"]


def test_a_ranking_that_cannot_be_stored_still_serves_the_page(client, musk, monkeypatch):
    story = tagged(musk, title="Le lancement")
    tagged(musk, title="La fusée")

    def refuse(*args, **kwargs):
        raise DatabaseError("read-only")

    monkeypatch.setattr(RelatedRanking.objects, "bulk_create", refuse)
    assert related_titles(client, story) == ["La fusée"]
    assert not RelatedRanking.objects.exists()


def test_only_the_lists_rankings_are_drawn_from_are_stamped():
    record_list_changes(
        frozenset({"any", "stories", "story:4", "stories:section:2", "stories:actor:7", "all"})
    )
    assert set(ListChange.objects.values_list("key", flat=True)) == {"stories:actor:7", "all"}

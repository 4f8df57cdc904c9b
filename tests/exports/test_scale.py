"""Exports stream: a fixed number of queries per chunk, and memory that does not grow."""

import gc
import io
import tracemalloc

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from actors.models import Actor
from articles.models import Article, ArticleActor, TaggedArticle
from exports.services import stories_export
from tests.factories import (
    AliasFactory,
    ArticleActorFactory,
    ArticleFactory,
    CorrectionFactory,
    RelatedArticleFactory,
    RelationshipFactory,
)


class Sink(io.TextIOBase):
    """Counts what is written and keeps none of it."""

    size = 0

    def write(self, text: str) -> int:
        self.size += len(text)
        return len(text)


def export_queries(fmt: str, chunk_size: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        stories_export(
            queryset=Article.objects.published(), fmt=fmt, out=Sink(), chunk_size=chunk_size
        )
    return len(queries)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "ninjs"])
def test_query_count_grows_by_a_constant_per_chunk(db, fmt):
    previous = None
    for n in range(30):
        story = ArticleFactory(tags=[f"t{n % 4}", "commun"])
        actor_tag = ArticleActorFactory(article=story)
        AliasFactory(actor=actor_tag.actor)
        ArticleActorFactory(article=story, role=ArticleActor.Role.MENTIONS)
        CorrectionFactory(article=story)
        RelationshipFactory(source=actor_tag.actor).evidence.add(story)
        if previous is not None:
            RelatedArticleFactory(from_article=story, to_article=previous)
        previous = story
    one_chunk = export_queries(fmt, chunk_size=30)
    two_chunks = export_queries(fmt, chunk_size=15)
    three_chunks = export_queries(fmt, chunk_size=10)
    # A chunk costs its stories, one query per relation, and one per kind of shared row
    # (actors, tags, authors, relationships) not met in an earlier chunk, so never more than
    # the first chunk did; the last, empty page costs one.
    first_chunk = one_chunk - 1
    assert first_chunk <= 14
    assert two_chunks <= 2 * first_chunk + 1
    assert three_chunks <= 3 * first_chunk + 1
    assert three_chunks >= two_chunks >= one_chunk


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "ninjs"])
def test_a_chunk_costs_the_same_queries_whatever_its_number_of_stories(db, fmt):
    """Rows of a chunk are read a relation at a time, never a story at a time."""

    def add(count: int) -> None:
        for _ in range(count):
            story = ArticleFactory(tags=["commun"])
            actor_tag = ArticleActorFactory(article=story)
            AliasFactory(actor=actor_tag.actor)
            CorrectionFactory(article=story)
            RelationshipFactory(source=actor_tag.actor).evidence.add(story)
            RelatedArticleFactory(from_article=story, to_article=ArticleFactory())

    add(5)
    few = export_queries(fmt, chunk_size=1000)
    add(45)
    many = export_queries(fmt, chunk_size=1000)
    assert Article.objects.published().count() == 100
    assert many == few


def add_stories(count: int, start: int, actors: list[Actor], tags: list[Tag]) -> None:
    now = timezone.now()
    body = "Un paragraphe d'une longueur raisonnable, avec des accents. " * 3
    stories = Article.objects.bulk_create(
        Article(
            title=f"Histoire {n}",
            slug=f"histoire-{n}",
            body=body,
            standfirst="Chapeau.",
            status=Article.Status.PUBLISHED,
            publish_at=now,
        )
        for n in range(start, start + count)
    )
    if connection.vendor == "sqlite" and stories[0].pk is None:
        stories = list(Article.objects.filter(slug__in=[s.slug for s in stories]))
    ArticleActor.objects.bulk_create(
        ArticleActor(article=story, actor=actors[(story.pk + k) % len(actors)], position=k)
        for story in stories
        for k in range(3)
    )
    TaggedArticle.objects.bulk_create(
        TaggedArticle(content_object=story, tag=tags[story.pk % len(tags)]) for story in stories
    )


def export_peak(fmt: str) -> tuple[int, int]:
    gc.collect()
    sink = Sink()
    tracemalloc.start()
    try:
        stories_export(queryset=Article.objects.published(), fmt=fmt, out=sink, chunk_size=100)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, sink.size


# ninjs prefetches a subset of what JSON Lines does, through the same chunks.
@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_peak_memory_does_not_grow_with_the_number_of_stories(db, fmt):
    actors = Actor.objects.bulk_create(
        Actor(name=f"Acteur {n}", slug=f"acteur-{n}", name_folded=f"acteur {n}") for n in range(20)
    )
    actors = list(Actor.objects.all())
    tags = [Tag.objects.create(name=f"sujet {n}", slug=f"sujet-{n}") for n in range(5)]
    add_stories(20, 0, actors, tags)
    export_peak(fmt)  # warm up: imports, compiled patterns, content types
    add_stories(180, 20, actors, tags)
    small_peak, small_size = export_peak(fmt)
    add_stories(800, 200, actors, tags)
    large_peak, large_size = export_peak(fmt)
    assert large_size > 4.5 * small_size  # five times the stories were written...
    # ...within the memory of one chunk, give or take 25 %.
    assert large_peak < small_peak * 1.25, (small_peak, large_peak)

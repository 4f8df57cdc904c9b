"""The synthetic newsroom behind `make bench`: realistic shape, valid data, reproducible."""

import statistics
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count
from django.urls import resolve
from django.utils import timezone

from actors.models import Actor, Alias, Relationship
from articles.models import Article, ArticleActor, Byline, Correction, RelatedArticle, TaggedArticle
from bench.synthetic import generate_corpus
from common.text import fold

pytestmark = pytest.mark.django_db

STORIES, ACTORS = 400, 120


@pytest.fixture
def corpus():
    return generate_corpus(stories=STORIES, actors=ACTORS, seed=3, batch=150)


def snapshot() -> list[tuple]:
    """What a reader or an export would see of each story, independent of primary keys."""
    rows = []
    for article in Article.objects.order_by("id").prefetch_related("actor_tags__actor", "tags"):
        rows.append(
            (
                article.title,
                article.slug,
                str(article.uuid),
                article.body,
                article.language,
                article.status,
                tuple((tag.actor.name, tag.role, tag.position) for tag in article.actor_tags.all()),
                tuple(sorted(tag.name for tag in article.tags.all())),
            )
        )
    return rows


def delete_corpus():
    Article.objects.all().delete()
    Relationship.objects.all().delete()
    Actor.objects.all().delete()


def test_generate_corpus_writes_the_requested_counts_and_the_rows_around_them(corpus):
    assert Article.objects.count() == STORIES
    assert Actor.objects.count() == ACTORS
    assert corpus.counts["stories"] == STORIES
    assert corpus.counts["actor_tags"] == ArticleActor.objects.count()
    # About two aliases per actor, one relationship per two actors, each with evidence.
    assert 1.5 * ACTORS <= Alias.objects.count() <= 2.5 * ACTORS
    assert Relationship.objects.count() == ACTORS // 2
    assert Relationship.evidence.through.objects.count() > 0.2 * STORIES
    assert RelatedArticle.objects.count() > 0.1 * STORIES
    assert TaggedArticle.objects.count() >= STORIES
    assert Byline.objects.count() >= STORIES
    assert Correction.objects.exists()


def test_generate_corpus_tags_about_five_actors_per_story(corpus):
    per_story = ArticleActor.objects.count() / STORIES
    assert 4 <= per_story <= 6
    # Every story has at least one actor it is about.
    assert not Article.objects.exclude(actor_tags__role="about").exists()


def test_generate_corpus_skews_actor_tags_like_zipf(corpus):
    counts = sorted(
        Actor.objects.annotate(stories=Count("article_tags")).values_list("stories", flat=True),
        reverse=True,
    )
    median = statistics.median(counts)
    assert counts[0] >= 5 * max(median, 1)
    # A few actors are in many stories: the top 5% carry a quarter of all tags or more.
    top = sum(counts[: len(counts) // 20])
    assert top >= 0.25 * sum(counts)


def test_generate_corpus_mixes_statuses_with_mostly_published_stories(corpus):
    now = timezone.now()
    public = Article.objects.published(now).count()
    scheduled = Article.objects.filter(status="published", publish_at__gt=now).count()
    drafts = Article.objects.filter(status="draft").count()
    in_review = Article.objects.filter(status="review").count()
    assert public >= 0.8 * STORIES
    assert scheduled > 0 and drafts > 0 and in_review > 0
    assert public + scheduled + drafts + in_review == STORIES
    # What publishing would have recorded: first publication time, and no date on drafts.
    assert not Article.objects.filter(status="published", first_published_at__isnull=True)
    assert not Article.objects.filter(status="draft", publish_at__isnull=False)


def test_generate_corpus_writes_french_and_english_of_realistic_length(corpus):
    by_language = dict(Article.objects.values_list("language").annotate(n=Count("id")))
    assert by_language["fr"] > by_language["en"] > 0
    lengths = [len(body.split()) for body in Article.objects.values_list("body", flat=True)]
    assert 250 <= statistics.median(lengths) <= 800
    assert min(lengths) >= 100
    french = Article.objects.filter(language="fr").first()
    assert any(word in french.body.split() for word in ("le", "la", "les", "des"))
    english = Article.objects.filter(language="en").first()
    assert "the" in english.body.split()


def test_generate_corpus_names_the_tagged_actors_in_the_text(corpus):
    """Suggestions and search are measured on this text: it must name who it tags."""
    tags = ArticleActor.objects.select_related("article", "actor")[:300]
    named = [tag for tag in tags if tag.actor.name in f"{tag.article.title} {tag.article.body}"]
    assert len(named) >= 0.95 * len(tags)


def test_generate_corpus_stories_have_unique_slugs_and_working_urls(corpus):
    slugs = list(Article.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == len(slugs)
    article = Article.objects.published().first()
    assert resolve(article.get_absolute_url()).kwargs == {"slug": article.slug}
    actor = Actor.objects.first()
    assert actor.name_folded == fold(actor.name)
    assert resolve(actor.get_absolute_url()).kwargs == {"slug": actor.slug}


def test_generate_corpus_is_determined_by_its_seed():
    generate_corpus(stories=60, actors=30, seed=11)
    first = snapshot()
    delete_corpus()
    generate_corpus(stories=60, actors=30, seed=11)
    assert snapshot() == first
    delete_corpus()
    generate_corpus(stories=60, actors=30, seed=12)
    assert snapshot() != first


def test_generate_corpus_appends_a_second_newsroom_next_to_the_first():
    generate_corpus(stories=50, actors=20, seed=1)
    generate_corpus(stories=50, actors=20, seed=1)
    assert Article.objects.count() == 100
    assert Actor.objects.count() == 40
    # New rows after the generated ids: the sequences were moved past them.
    article = Article.objects.create(title="Après le corpus", slug="apres-le-corpus")
    assert article.pk > 100


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY exists on PostgreSQL only")
def test_generate_corpus_copy_and_bulk_create_write_the_same_newsroom():
    generate_corpus(stories=40, actors=20, seed=5, method="copy")
    copied = snapshot()
    delete_corpus()
    generate_corpus(stories=40, actors=20, seed=5, method="bulk")
    assert snapshot() == copied


@pytest.mark.skipif(connection.vendor != "postgresql", reason="threads write only on PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_generate_corpus_writer_threads_commit_every_batch():
    stats = generate_corpus(stories=120, actors=30, seed=2, batch=25, jobs=2)
    assert Article.objects.count() == stats.counts["stories"] == 120
    assert ArticleActor.objects.count() == stats.counts["actor_tags"]


def test_generate_corpus_command_reports_what_it_wrote():
    out = StringIO()
    call_command("generate_corpus", "--stories", "30", "--actors", "10", stdout=out)
    report = out.getvalue()
    assert "stories" in report and "30" in report and "stories/s" in report
    assert Article.objects.count() == 30


def test_generate_corpus_command_refuses_negative_counts():
    with pytest.raises(CommandError, match="negative"):
        call_command("generate_corpus", "--stories", "-1", "--actors", "10")

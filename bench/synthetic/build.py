"""Build a synthetic newsroom of any size, fast, for benchmarks and load tests.

The generator writes rows directly (see ``bench.synthetic.sink``) rather than through the
services: services validate and save one story at a time, which is right for editors and
far too slow for a million stories. What the services guarantee is kept by construction:
unique slugs and uuids, a publication time on every published story, no duplicate tags,
no self-relationship, an end never before a start, amounts with a currency.

Runs append: primary keys continue after the highest existing one, so a second run adds a
second newsroom next to the first (with its own actors) instead of failing. The output is
determined by the seed and the highest existing ids, so a given seed on an empty database
always builds the same newsroom. Nothing else should write to the same tables meanwhile.
"""

import datetime as dt
import random
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.management.color import no_style
from django.db import connections, transaction
from django.db.models import F, Max
from django.utils import timezone

from actors.models import Actor, Alias, Relationship
from articles.models import Article, ArticleActor, Byline, Correction, RelatedArticle
from articles.rendering import render_markdown
from bench.synthetic import words
from bench.synthetic.relationships import write_relationships
from bench.synthetic.sink import Sink
from bench.synthetic.text import Names, Prose, zipf_cum_weights
from bench.synthetic.vocabulary import ensure_vocabulary
from bench.synthetic.writers import BatchWriters, tune_session
from common.slugs import slug_from
from common.text import fold

# Skew of the actors tagged in stories: with 0.9 and 100,000 actors, the most tagged actor is
# on about a fifth of the stories and the median one on a dozen.
ACTOR_ZIPF = 0.9
TOPIC_ZIPF = 0.9
# Extra actors tagged per story (1 to 9, mean 4.4) on top of the two ends of a reported
# relationship (30% of stories): about five tags per story on average.
EXTRA_TAGS = range(1, 10)
EXTRA_TAG_WEIGHTS = [8, 12, 16, 18, 16, 12, 8, 6, 4]
REPORTS_RELATIONSHIP = 0.3
STORIES_PER_DAY = 120
FRENCH_SHARE = 0.7
# Cumulative status mix: published in the past, scheduled, draft, in review.
STATUS_MIX = [(0.90, "published"), (0.93, "scheduled"), (0.97, "draft"), (1.0, "review")]

ARTICLE_FIELDS = (
    "id", "uuid", "kicker", "title", "slug", "standfirst", "body", "body_rendered", "language",
    "section_id",
    "status", "publish_at", "first_published_at", "created_at", "updated_at", "version",
    "canonical_url",
)  # fmt: skip
ACTOR_FIELDS = (
    "id", "kind", "name", "slug", "sort_name", "description", "wikidata_id", "website",
    "name_folded", "version", "created_at", "updated_at",
)  # fmt: skip


@dataclass
class CorpusStats:
    counts: Counter = field(default_factory=Counter)
    seconds: dict[str, float] = field(default_factory=dict)
    method: str = ""

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())


@dataclass
class _Run:
    rng: random.Random
    sink: Sink
    now: dt.datetime
    stats: CorpusStats
    actor_names: list[str] = field(default_factory=list)
    actor_kinds: list[str] = field(default_factory=list)
    first_actor_id: int = 0
    relationships: list[tuple[int, str, int, int]] = field(default_factory=list)


def _next_id(model, using) -> int:
    return (model._base_manager.using(using).aggregate(top=Max("pk"))["top"] or 0) + 1


def generate_corpus(
    *,
    stories: int,
    actors: int,
    seed: int = 0,
    batch: int = 5000,
    using: str = "default",
    method: str = "auto",
    jobs: int | None = None,
    now: dt.datetime | None = None,
    progress: Callable[[str, int], Callable[[int], None]] | None = None,
) -> CorpusStats:
    """Write ``actors`` actors and ``stories`` stories; return what was written and how fast.

    ``progress(label, total)`` may return a callable that is told how many items each
    batch completed (the management command passes a tqdm bar). ``jobs`` is the number of
    threads writing stories while the next batch is generated (default: 2 with COPY on
    PostgreSQL, where it pays, else none: SQLite takes one writer at a time); inside a
    transaction there are none, since the threads' connections could not see it.
    """
    if stories < 0 or actors < 0 or batch < 1:
        raise ValueError("stories and actors must be positive, batch at least 1.")
    connection = connections[using]
    stats = CorpusStats()
    sink = Sink(using=using, method=method)
    stats.method = sink.method
    first_article_id = _next_id(Article, using)
    first_actor_id = _next_id(Actor, using)
    run = _Run(
        rng=random.Random(f"newsroom-corpus:{seed}:{first_article_id}:{first_actor_id}"),
        sink=sink,
        now=now or timezone.now(),
        stats=stats,
        first_actor_id=first_actor_id,
    )
    tune_session(connection)

    started = time.perf_counter()
    vocabulary = ensure_vocabulary(using)
    stats.seconds["vocabulary"] = time.perf_counter() - started

    started = time.perf_counter()
    _write_actors(run, actors, first_actor_id, batch, using, progress)
    write_relationships(run, vocabulary["kinds"], _next_id(Relationship, using), using)
    stats.seconds["actors"] = time.perf_counter() - started

    started = time.perf_counter()
    if jobs is None:
        jobs = 2 if sink.method == "copy" else 1
    if connection.in_atomic_block:
        # Other connections cannot see the actors written in the caller's open transaction.
        jobs = 1
    _write_stories(run, stories, first_article_id, batch, vocabulary, using, progress, jobs)
    stats.seconds["stories"] = time.perf_counter() - started

    started = time.perf_counter()
    _finish(connection, [Actor, Relationship, Article])
    stats.seconds["finish"] = time.perf_counter() - started
    return stats


def _write_actors(run, count, first_id, batch, using, progress):
    names = Names(run.rng)
    tick = progress("actors", count) if progress and count else None
    for start in range(0, count, batch):
        actor_rows, alias_rows = [], []
        for actor_id in range(first_id + start, first_id + min(count, start + batch)):
            made = names.make()
            slug = f"{slug_from(made.name, max_length=180)}-{actor_id}"
            wikidata = f"Q{1_000_000_000 + actor_id}" if run.rng.random() < 0.25 else ""
            website = f"https://{slug}.example.org/" if made.kind == "organisation" else ""
            actor_rows.append(
                (actor_id, made.kind, made.name, slug, made.sort_name, made.description,
                 wikidata, website, fold(made.name), 1, run.now, run.now)
            )  # fmt: skip
            seen = {fold(made.name)}
            for alias in made.aliases:
                folded = fold(alias)
                if folded not in seen:
                    seen.add(folded)
                    alias_rows.append((actor_id, alias, folded))
            run.actor_names.append(made.name)
            run.actor_kinds.append(made.kind)
        with transaction.atomic(using=using):
            run.stats.counts["actors"] += run.sink.write(Actor, ACTOR_FIELDS, actor_rows)
            run.stats.counts["aliases"] += run.sink.write(
                Alias, ("actor_id", "name", "folded"), alias_rows
            )
        if tick:
            tick(len(actor_rows))


def _status_and_times(run, index, count):
    """Status, publish_at, first_published_at and created/updated for the story ``index``."""
    rng, now = run.rng, run.now
    draw = rng.random()
    status = next(label for bound, label in STATUS_MIX if draw < bound)
    if status == "scheduled":
        publish_at = now + dt.timedelta(minutes=rng.randint(60, 20_160))
        return "published", publish_at, publish_at, now
    if status in ("draft", "review"):
        return status, None, None, now
    # Published stories run in id order from the oldest to a few minutes ago.
    span = dt.timedelta(days=max(1.0, count / STORIES_PER_DAY))
    age = span * (1 - (index + 1) / count) + dt.timedelta(minutes=rng.randint(5, 360))
    publish_at = now - age
    return "published", publish_at, publish_at, publish_at


def _write_stories(run, count, first_id, batch, vocabulary, using, progress, jobs):
    rng = run.rng
    prose = {"fr": Prose(rng, words.FR, "fr"), "en": Prose(rng, words.EN, "en")}
    sections, authors, tags = vocabulary["sections"], vocabulary["authors"], vocabulary["tags"]
    section_cum = zipf_cum_weights(len(sections), 0.7)
    topic_cum = zipf_cum_weights(len(words.TOPICS), TOPIC_ZIPF)
    topic_order = list(range(len(words.TOPICS)))
    rng.shuffle(topic_order)
    ranked = list(range(len(run.actor_names)))
    rng.shuffle(ranked)
    actor_cum = zipf_cum_weights(len(ranked), ACTOR_ZIPF) if ranked else []
    names, kinds, first_actor = run.actor_names, run.actor_kinds, run.first_actor_id
    tick = progress("stories", count) if progress and count else None
    writers = BatchWriters(
        write=lambda sink, payload: _write_story_batch(run, sink, using, *payload),
        sink=run.sink,
        using=using,
        jobs=jobs,
        on_written=lambda counts, payload: _record(run, counts, payload, tick),
    )

    for start in range(0, count, batch):
        articles, authorship, actor_tags, topics, related, evidence, corrections = (
            [], [], [], [], [], [], []
        )  # fmt: skip
        for index in range(start, min(count, start + batch)):
            article_id = first_id + index
            language = "fr" if rng.random() < FRENCH_SHARE else "en"
            writer = prose[language]
            status, publish_at, first_published, created = _status_and_times(run, index, count)

            # Actors: the two ends of a reported relationship first, then Zipf-skewed picks.
            tagged, roles = [], {}
            specials = []
            if run.relationships and rng.random() < REPORTS_RELATIONSHIP:
                relationship_id, slug, source, target = rng.choice(run.relationships)
                tagged += [source, target]
                roles[source] = roles[target] = "about"
                evidence.append((relationship_id, article_id))
                specials.append(writer.relationship_sentence(names[source], slug, names[target]))
            if ranked:
                extra = rng.choices(EXTRA_TAGS, weights=EXTRA_TAG_WEIGHTS)[0]
                for actor in rng.choices(ranked, cum_weights=actor_cum, k=extra):
                    if actor not in roles:
                        tagged.append(actor)
                        roles[actor] = "mentions" if rng.random() < 0.75 else "quoted"
                if not specials:
                    roles[tagged[0]] = "about"
            for position, actor in enumerate(tagged):
                actor_tags.append((article_id, first_actor + actor, roles[actor], position))
                if position or not specials:
                    specials.append(writer.actor_sentence(names[actor], kinds[actor]))

            picked = dict.fromkeys(
                topic_order[i]
                for i in rng.choices(range(len(topic_order)), cum_weights=topic_cum, k=3)
            )
            story_topics = [words.TOPICS[i] for i in list(picked)[: rng.randint(1, 3)]]
            tag_column = 0 if language == "fr" else 1
            topics += [(article_id, tags[i][tag_column]) for i in list(picked)[: len(story_topics)]]
            specials += [writer.topic_sentence(topic) for topic in story_topics]

            lead = (
                names[tagged[0]]
                if tagged and kinds[tagged[0]] in ("person", "organisation")
                else None
            )
            title = writer.title(lead, story_topics[0])
            slug = f"{slug_from(title, max_length=200)}-{article_id}"
            body = writer.body(specials)
            articles.append(
                (article_id, uuid.UUID(int=rng.getrandbits(128), version=4), writer.kicker(),
                 title, slug, writer.standfirst(story_topics[0]), body, render_markdown(body),
                 language,
                 sections[rng.choices(range(len(sections)), cum_weights=section_cum)[0]],
                 status, publish_at, first_published, created, created, 1,
                 f"https://partner.example.org/{article_id}" if rng.random() < 0.02 else "")
            )  # fmt: skip
            signing = rng.sample(authors, k=rng.choices([1, 2, 3], weights=[80, 18, 2])[0])
            for position, author in enumerate(signing):
                authorship.append((article_id, author, position))
            if index > start and rng.random() < 0.2:
                # Earlier stories of the same batch: batches may commit out of order.
                window = range(first_id + max(start, index - 2000), article_id)
                for position, other in enumerate(set(rng.choices(window, k=rng.randint(1, 2)))):
                    related.append((article_id, other, position))
            if status == "published" and rng.random() < 0.01:
                corrections.append(
                    (article_id, "Une précédente version de cet article comportait une erreur.",
                     run.now)
                )  # fmt: skip

        writers.submit((articles, authorship, actor_tags, topics, related, evidence, corrections))
    writers.close()


def _record(run, counts, payload, tick):
    run.stats.counts.update(counts)
    if tick:
        tick(len(payload[0]))


def _write_story_batch(
    run, sink, using, articles, authorship, actor_tags, topics, related, evidence, corrections
):
    counts = Counter()
    with transaction.atomic(using=using):
        counts["stories"] += sink.write(Article, ARTICLE_FIELDS, articles)
        counts["authorships"] += sink.write(
            Byline, ("article_id", "contributor_id", "position"), authorship
        )
        counts["actor_tags"] += sink.write(
            ArticleActor, ("article_id", "actor_id", "role", "position"), actor_tags
        )
        counts["topic_tags"] += sink.write(
            Article.tags.through, ("content_object_id", "tag_id"), topics
        )
        counts["related_links"] += sink.write(
            RelatedArticle, ("from_article_id", "to_article_id", "position"), related
        )
        counts["evidence"] += sink.write(
            Relationship.evidence.through, ("relationship_id", "article_id"), evidence
        )
        counts["corrections"] += sink.write(
            Correction, ("article_id", "text", "published_at"), corrections
        )
        if sink.method == "bulk" and articles:
            # bulk_create stamps auto_now fields with the current time; a public story was
            # created and last changed when it went out.
            first, last = articles[0][0], articles[-1][0]
            Article.objects.using(using).filter(
                pk__range=(first, last), publish_at__lte=run.now
            ).update(created_at=F("publish_at"), updated_at=F("publish_at"))
    return counts


def _finish(connection, models):
    """Move sequences past the explicit ids, and give the planner fresh statistics."""
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")

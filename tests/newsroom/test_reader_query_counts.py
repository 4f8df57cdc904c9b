"""Every public page runs a fixed number of queries, whether a story has 1 or 50 of anything."""

import uuid

import pytest
from django.db import connection

from actors.models import RelationshipKind
from actors.services import relationship_record
from tests.factories import (
    ActorFactory,
    ArticleActorFactory,
    ArticleFactory,
    ContributorFactory,
    CorrectionFactory,
    RelatedArticleFactory,
    SectionFactory,
    sign,
)
from tests.pictures.images import clone_picture, make_picture
from tests.queries import query_count

pytestmark = pytest.mark.django_db

ROLES = ["about", "mentions", "quoted"]


def author():
    return ContributorFactory(slug=f"author-{uuid.uuid4().hex[:12]}", name="Camille Martin")


def build(n: int, prefix: str) -> dict[str, str]:
    """A story with n contributors, actors, tags, corrections, picks and suggestions around it, and
    an actor with n relationships (each with evidence) tagged in n stories. Every story
    has a lead image of its own, and the actor a portrait."""
    original = make_picture(seed=n, alt_text=f"{prefix} picture")
    section = SectionFactory(slug=f"{prefix}-section")
    tag = f"{prefix}-topic"
    star = ActorFactory(name=f"{prefix} Star", slug=f"{prefix}-star", portrait=original)
    story = ArticleFactory(
        slug=f"{prefix}-story",
        section=section,
        tags=[tag] + [f"{prefix}-t{i}" for i in range(n)],
        lead_image=clone_picture(original),
    )
    ArticleActorFactory(article=story, actor=star)
    rival = RelationshipKind.objects.get(slug="rival-of")
    for i in range(n):
        sign(story, author())
        ArticleActorFactory(
            article=story, actor=ActorFactory(kind="organisation"), role=ROLES[i % 3]
        )
        CorrectionFactory(article=story)
        pick = ArticleFactory(section=section, tags=[tag], lead_image=clone_picture(original))
        sign(pick, author())
        RelatedArticleFactory(from_article=story, to_article=pick)
        ArticleActorFactory(article=pick, actor=star)
        suggestion = ArticleFactory(section=section, tags=[tag], lead_image=clone_picture(original))
        ArticleActorFactory(article=suggestion, actor=star)
        relationship_record(
            source=star, kind=rival, target=ActorFactory(), evidence=[story, pick, suggestion]
        )
    return {
        "home": "/",
        "story": story.get_absolute_url(),
        "section": section.get_absolute_url(),
        "tag": f"/tags/{tag}/",
        "actor": star.get_absolute_url(),
        "search": f"/search/?q={prefix}+Star",
        "search-words": "/search/?q=histoire",
        "feed": "/feeds/rss/",
        "section-feed": f"/sections/{section.slug}/atom/",
        "tag-feed": f"/tags/{tag}/rss/",
        "actor-feed": f"/actors/{star.slug}/rss/",
        "sitemap": "/sitemap.xml",
        "news-sitemap": "/news-sitemap.xml",
    }


# What each page costs; the story page, for instance: its ETag, the story (with its lead
# image and stored related ranking), bylines, the lead image's renditions, tags,
# corrections, tagged actors, editor picks, the tokens of the lists its ranking is drawn
# from, the ranked stories still public, and the section bar. The first visit after a
# change to those lists ranks again: the next scheduled publication, the candidates with
# their shared actors and topics, and the stored ranking (a savepoint around one upsert).
# Every list and feed adds one query for its stories' lead image renditions; the actor page
# two more, for the portrait and its renditions.
EXPECTED = {
    "home": 5,
    "story, ranked again": 17,
    "story": 10,
    "section": 6,
    "tag": 6,
    "actor": 11,
    "search": 7,
    "search-words": 6,
    "feed": 4,
    "section-feed": 5,
    "tag-feed": 5,
    "actor-feed": 5,
    "sitemap": 18,  # each section (author pages, pairs…) is counted twice (index or not, then
    # the page) and read
    "news-sitemap": 2,
}


def test_public_pages_run_the_same_queries_for_1_and_for_50_of_everything(client, monkeypatch):
    # PostgreSQL search reads as many id windows as the database's id sequence (not the 1 or
    # 50 stories) asks for: one window as wide as any id keeps the count the pages' own.
    monkeypatch.setattr("search.postgres.FIRST_WINDOW", 2**62)
    small, large = build(1, "small"), build(50, "large")
    # The story page's first visit ranks its related stories; the next ones read the ranking.
    for urls in small, large:
        urls["story, ranked again"] = urls.pop("story")
        urls["story"] = urls["story, ranked again"]
    counts = {
        page: (query_count(client, small[page]), query_count(client, large[page])) for page in small
    }
    assert {page: one for page, (one, _) in counts.items()} == {
        page: fifty for page, (_, fifty) in counts.items()
    }
    expected = dict(EXPECTED)
    if connection.vendor == "postgresql":
        # Search finds its newest matches in a transaction of its own (a savepoint inside the
        # test's) that reads the newest id, asks the planner how common the words are (to
        # size the first window), turns index scans off and reads the id windows (as many as
        # it takes to reach the oldest story: the database's id sequence, not the 1 or 50
        # stories, sets that); a query naming an actor also reads that actor's newest stories.
        windows = 1
        expected["search"] += 6 + windows
        expected["search-words"] += 5 + windows
    else:
        # SQLite asks FTS5 for its newest matches, which of them readers may see, and the
        # page's stories with their excerpts; a query naming an actor also reads its newest
        # stories.
        expected["search"] += 2
        expected["search-words"] += 1
    assert {page: one for page, (one, _) in counts.items()} == expected

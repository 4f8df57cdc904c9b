"""Export, empty the newsroom, import, export: the same bytes, whatever the stories hold."""

import datetime as dt
import io

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actors.models import Actor, Alias, RelationshipKind
from actors.services import relationship_record
from articles.models import (
    Article,
    ArticleActor,
    Byline,
    Correction,
    RelatedArticle,
    Section,
)
from common.text import fold
from contributors.models import Contributor
from exports.imports import stories_import
from exports.services import stories_export
from tests.exports.conftest import ninjs_lines
from tests.exports.test_imports import wipe

# Accents, emoji (with joiners and flags), right-to-left scripts and their marks, CJK.
PIECES = ["é", "Œuvre", "ß", "ç", "😀", "👩‍🚀", "🇫🇷", "שלום", "مرحبا", "\u200f", "日本", "«»"]
CHARS = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Co", "Cn"))
WORD = st.one_of(st.sampled_from(PIECES), st.text(CHARS, min_size=1, max_size=8))
TAGS = ["économie", "espace", "إسرائيل", "🚀 fusées", "日本", "politique"]
SECTIONS = [("espace", "Espace"), ("monde", "Monde 🌍")]
KINDS = ["rival-of", "owns", "founded", "married-to"]
UTC = dt.UTC


def words(min_size=1, max_size=8, max_length=None):
    text = st.lists(WORD, min_size=min_size, max_size=max_size).map(" ".join)
    if max_length:
        text = text.map(lambda value: value[:max_length])
    return text.filter(lambda value: value.strip()) if min_size else text


def moments(start=2000, end=2025):
    return st.datetimes(dt.datetime(start, 1, 1), dt.datetime(end, 12, 31), timezones=st.just(UTC))


paragraphs = st.lists(words(max_size=40), max_size=12).map("\n\n".join)

actor = st.fixed_dictionaries(
    {
        "name": words(max_size=4, max_length=200),
        "kind": st.sampled_from(Actor.Kind.values),
        "wikidata": st.booleans(),
        "description": words(min_size=0, max_size=6, max_length=500),
        "aliases": st.lists(words(max_size=3, max_length=200), max_size=3, unique_by=fold),
    }
)

story = st.fixed_dictionaries(
    {
        "title": words(max_length=250),
        "kicker": words(min_size=0, max_size=3, max_length=120),
        "standfirst": words(min_size=0, max_size=20),
        "body": paragraphs,
        "language": st.sampled_from(Article.Language.values),
        "status": st.sampled_from(Article.Status.values),
        "publish_at": st.one_of(moments(), moments(2031, 2035)),
        "first_published_at": st.none() | moments(),
        "created_at": moments(),
        "updated_at": moments(),
        "version": st.integers(1, 500),
        "section": st.none() | st.sampled_from(SECTIONS),
        "tags": st.lists(st.sampled_from(TAGS), unique=True, max_size=4),
        "actors": st.lists(
            st.tuples(st.integers(0, 14), st.sampled_from(ArticleActor.Role.values)),
            unique_by=lambda pair: pair[0],
            max_size=15,
        ),
        "relationships": st.lists(
            st.fixed_dictionaries(
                {
                    "ends": st.tuples(st.integers(0, 14), st.integers(0, 14)).filter(
                        lambda pair: pair[0] != pair[1]
                    ),
                    "kind": st.sampled_from(KINDS),
                    "started_on": st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2025, 1, 1)),
                    "days": st.none() | st.integers(0, 5000),
                    "amount": st.none() | st.decimals(0, 10**12, places=2),
                    "note": words(min_size=0, max_size=5, max_length=500),
                }
            ),
            max_size=3,
        ),
        "corrections": st.lists(st.tuples(words(max_size=10), moments()), max_size=2),
        "authors": st.lists(st.sampled_from(["ana", "bob"]), unique=True, max_size=2),
    }
)

newsroom = st.fixed_dictionaries(
    {
        "actors": st.lists(actor, min_size=15, max_size=15),
        "stories": st.lists(story, min_size=1, max_size=4),
        "related": st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), max_size=5),
    }
)


def build(spec: dict, *, with_authors: bool = True) -> None:
    contributors = {c.slug: c for c in Contributor.objects.filter(slug__in=["ana", "bob"])}
    actors = []
    for n, data in enumerate(spec["actors"]):
        actor = Actor.objects.create(
            name=data["name"],
            slug=f"acteur-{n}",
            kind=data["kind"],
            wikidata_id=f"Q{n + 1}" if data["wikidata"] else "",
            description=data["description"],
        )
        for alias in data["aliases"]:
            Alias.objects.create(actor=actor, name=alias)
        actors.append(actor)
    stories = []
    for n, data in enumerate(spec["stories"]):
        section = None
        if data["section"]:
            slug, name = data["section"]
            section, _ = Section.objects.get_or_create(slug=slug, defaults={"name": name})
        article = Article.objects.create(
            slug=f"histoire-{n}",
            section=section,
            **{
                key: data[key]
                for key in (
                    "title kicker standfirst body language status publish_at "
                    "first_published_at version"
                ).split()
            },
        )
        article.tags.set(data["tags"])
        if with_authors:
            for position, name in enumerate(data["authors"]):
                Byline.objects.create(
                    article=article, contributor=contributors[name], position=position
                )
        for position, (index, role) in enumerate(data["actors"]):
            ArticleActor.objects.create(
                article=article, actor=actors[index], role=role, position=position
            )
        for item in data["relationships"]:
            started = item["started_on"]
            relationship_record(
                source=actors[item["ends"][0]],
                kind=RelationshipKind.objects.get(slug=item["kind"]),
                target=actors[item["ends"][1]],
                started_on=started,
                ended_on=started + dt.timedelta(days=item["days"])
                if started and item["days"] is not None
                else None,
                amount=item["amount"],
                currency="EUR" if item["amount"] is not None else "",
                note=item["note"],
                evidence=[article],
            )
        for text, when in data["corrections"]:
            Correction.objects.create(article=article, text=text, published_at=when)
        Article.objects.filter(pk=article.pk).update(
            created_at=data["created_at"], updated_at=data["updated_at"]
        )
        stories.append(article)
    for position, (first, second) in enumerate(spec["related"]):
        if first != second and first < len(stories) and second < len(stories):
            RelatedArticle.objects.get_or_create(
                from_article=stories[first],
                to_article=stories[second],
                defaults={"position": position},
            )


def export(fmt: str) -> str:
    out = io.StringIO()
    stories_export(
        queryset=Article.objects.all(), fmt=fmt, out=out, public_only=False, chunk_size=3
    )
    return out.getvalue()


def round_trip(spec: dict, fmt: str, *, with_authors: bool = True) -> tuple[str, str]:
    """Inside a savepoint, so every example starts from the same empty newsroom."""
    with transaction.atomic():
        build(spec, with_authors=with_authors)
        first = export(fmt)
        wipe()
        stories_import(lines=io.StringIO(first))
        second = export(fmt)
        transaction.set_rollback(True)
    return first, second


@pytest.fixture
def authors(db):
    """Contributors the stories sign; the import makes them again in the empty newsroom."""
    Contributor.objects.create(slug="ana", name="Ána Ñúñez")
    Contributor.objects.create(slug="bob", name="בוב Økland", role=Contributor.Role.PHOTOGRAPHER)


EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


@EXAMPLES
@given(spec=newsroom)
def test_json_lines_round_trip_is_byte_identical(authors, spec):
    first, second = round_trip(spec, "jsonl")
    assert second == first


@EXAMPLES
@given(spec=newsroom)
def test_ninjs_round_trip_is_byte_identical(authors, spec):
    # ninjs carries no accounts: the byline cannot come back as users.
    first, second = round_trip(spec, "ninjs", with_authors=False)
    ninjs_lines(first)
    assert second == first

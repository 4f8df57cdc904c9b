import datetime as dt
import json
from decimal import Decimal
from functools import cache

import pytest
import referencing
from django.utils import timezone
from jsonschema.validators import validator_for

from actors.models import Actor, RelationshipKind
from actors.services import relationship_record
from articles.models import Article, ArticleActor
from tests.factories import (
    ActorFactory,
    AliasFactory,
    ArticleActorFactory,
    ArticleFactory,
    ContributorFactory,
    CorrectionFactory,
    RelatedArticleFactory,
    SectionFactory,
    sign,
)
from tests.standards import standards_file

BASE_URL = "https://news.example.org"


@cache
def _ninjs_validator():
    schema = json.loads(standards_file("ninjs", "ninjs-schema_3.1.json").read_text())
    geojson = json.loads(standards_file("ninjs", "GeoJSON-schema.json").read_text())
    # The schema refers to GeoJSON by its public URI; the local copy answers, nothing is fetched.
    registry = referencing.Registry().with_resource(
        "https://geojson.org/schema/GeoJSON.json", referencing.Resource.from_contents(geojson)
    )
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, registry=registry, format_checker=cls.FORMAT_CHECKER)


def assert_valid_ninjs(document: dict) -> None:
    errors = sorted(_ninjs_validator().iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def ninjs_lines(text: str) -> list[dict]:
    """Every line parsed and validated: the rule for any ninjs the tests see."""
    documents = [json.loads(line) for line in text.splitlines() if line]
    for document in documents:
        assert_valid_ninjs(document)
    return documents


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.NEWSROOM_BASE_URL = BASE_URL


@pytest.fixture(autouse=True)
def _english(english):
    """Every test here reads the desk in English (the english fixture, tests/conftest.py)."""


@pytest.fixture
def rich_story(db):
    """A published story with everything an export carries."""
    section = SectionFactory(slug="espace", name="Espace")
    author = ContributorFactory(slug="helene-garnier", name="Hélène Garnier")
    story = ArticleFactory(
        title='Elon Musk et Jeff Bezos, "rivaux", à la même table',
        slug="musk-bezos-diner",
        kicker="Silicon Valley",
        standfirst="Longtemps adversaires, les deux milliardaires ont dîné ensemble.",
        body="Premier paragraphe, avec *emphase*.\n\n## Vingt ans de rivalité\n\n"
        "<script>alert(1)</script> Second paragraphe.",
        section=section,
        tags=["espace", "milliardaires"],
        publish_at=timezone.now() - dt.timedelta(days=2),
    )
    sign(story, author)
    musk = ActorFactory(name="Elon Musk", slug="elon-musk", wikidata_id="Q317521")
    AliasFactory(actor=musk, name="Musk")
    nasa = ActorFactory(
        name="NASA", slug="nasa", kind=Actor.Kind.ORGANISATION, wikidata_id="Q23548"
    )
    florida = ActorFactory(name="Floride", slug="floride", kind=Actor.Kind.PLACE)
    dinner = ActorFactory(name="Dîner de Mar-a-Lago", slug="diner", kind=Actor.Kind.EVENT)
    ArticleActorFactory(article=story, actor=musk, role=ArticleActor.Role.ABOUT, position=0)
    ArticleActorFactory(article=story, actor=nasa, role=ArticleActor.Role.MENTIONS, position=1)
    ArticleActorFactory(article=story, actor=florida, role=ArticleActor.Role.MENTIONS, position=2)
    ArticleActorFactory(article=story, actor=dinner, role=ArticleActor.Role.ABOUT, position=3)
    bezos = ActorFactory(name="Jeff Bezos", slug="jeff-bezos", wikidata_id="Q312556")
    relationship_record(
        source=musk,
        kind=RelationshipKind.objects.get(slug="rival-of"),
        target=bezos,
        started_on=dt.date(2004, 1, 1),
        amount=Decimal("2900000000.00"),
        currency="USD",
        evidence=[story],
    )
    CorrectionFactory(article=story, text="Le dîner a eu lieu mercredi, pas jeudi.")
    public = ArticleFactory(title="SpaceX contre Blue Origin", slug="spacex-blue-origin")
    draft = ArticleFactory(title="Brouillon", slug="brouillon", status=Article.Status.DRAFT)
    RelatedArticleFactory(from_article=story, to_article=public, position=0)
    RelatedArticleFactory(from_article=story, to_article=draft, position=1)
    return story

"""A small demo-like newsroom for the content API's tests, shared by every part of the API.

``api_world`` holds, as a reader and a partner see them:

- three public stories, newest first ``musk_bezos`` (section "espace", topics "espace" and
  "milliardaires", Elon Musk about, Jeff Bezos about, NASA mentioned, two contributors in
  byline order, a lead image, a public correction, a proposed one, related links to
  ``rocket`` and to the draft), ``rocket`` (NASA, topic "espace"), ``markets`` (section
  "economie", English, Jeff Bezos quoted);
- ``draft`` (Jeff Bezos about, topic "espace"), ``review`` (in review) and ``scheduled``
  (published, due tomorrow): none of them visible without an export key;
- a public relationship (Elon Musk rival of Jeff Bezos, evidenced by ``musk_bezos``).

Every test here reads messages in English.
"""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

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

BASE_URL = "https://news.example.org"
API = "/api/v1"


@pytest.fixture(autouse=True)
def _api_base_url(settings):
    settings.NEWSROOM_BASE_URL = BASE_URL


@pytest.fixture(autouse=True)
def _no_rate_limit_between_tests(settings):
    """Each test starts uncounted, with room for its requests (the rate limit's own tests set
    a low rate themselves): a whole run of API tests must not exhaust one address's quota."""
    from django.core.cache import caches

    settings.NEWSROOM_API_ANON_RATE = "100000/min"
    caches["throttle"].clear()
    yield
    caches["throttle"].clear()


@pytest.fixture(autouse=True)
def _english(english):
    """Every test here reads messages in English (the english fixture, tests/conftest.py)."""


def _ago(**delta) -> dt.datetime:
    return timezone.now() - dt.timedelta(**delta)


@pytest.fixture
def api_world(db):
    from tests.pictures.images import make_picture

    espace = SectionFactory(slug="espace", name="Espace")
    economie = SectionFactory(slug="economie", name="Économie")
    helene = ContributorFactory(slug="helene-garnier", name="Hélène Garnier")
    paul = ContributorFactory(slug="paul-durand", name="Paul Durand")
    musk = ActorFactory(name="Elon Musk", slug="elon-musk", wikidata_id="Q317521")
    AliasFactory(actor=musk, name="Musk")
    bezos = ActorFactory(name="Jeff Bezos", slug="jeff-bezos", wikidata_id="Q312556")
    nasa = ActorFactory(
        name="NASA", slug="nasa", kind=Actor.Kind.ORGANISATION, wikidata_id="Q23548"
    )

    markets = ArticleFactory(
        title="Amazon in the markets",
        slug="amazon-markets",
        section=economie,
        language="en",
        tags=["bourse"],
        publish_at=_ago(days=3),
    )
    ArticleActorFactory(article=markets, actor=bezos, role=ArticleActor.Role.QUOTED)
    sign(markets, paul)

    rocket = ArticleFactory(
        title="La fusée de la NASA",
        slug="fusee-nasa",
        section=espace,
        tags=["espace"],
        publish_at=_ago(days=2),
    )
    ArticleActorFactory(article=rocket, actor=nasa, role=ArticleActor.Role.ABOUT)
    sign(rocket, helene)

    draft = ArticleFactory(
        title="Brouillon secret sur Bezos",
        slug="brouillon-secret",
        section=espace,
        status=Article.Status.DRAFT,
        publish_at=None,
        tags=["espace"],
    )
    ArticleActorFactory(article=draft, actor=bezos, role=ArticleActor.Role.ABOUT)
    review = ArticleFactory(
        title="En relecture", slug="en-relecture", section=espace, status=Article.Status.REVIEW
    )
    scheduled = ArticleFactory(
        title="Programmé pour demain",
        slug="programme-demain",
        section=espace,
        tags=["espace"],
        publish_at=timezone.now() + dt.timedelta(days=1),
    )

    musk_bezos = ArticleFactory(
        title="Elon Musk et Jeff Bezos à la même table",
        slug="musk-bezos-diner",
        kicker="Silicon Valley",
        standfirst="Les deux milliardaires ont dîné ensemble.",
        section=espace,
        tags=["espace", "milliardaires"],
        publish_at=_ago(days=1),
        lead_image=make_picture(source="Agence Exemple"),
    )
    sign(musk_bezos, helene, paul)
    ArticleActorFactory(article=musk_bezos, actor=musk, role=ArticleActor.Role.ABOUT, position=0)
    ArticleActorFactory(article=musk_bezos, actor=bezos, role=ArticleActor.Role.ABOUT, position=1)
    ArticleActorFactory(article=musk_bezos, actor=nasa, role=ArticleActor.Role.MENTIONS, position=2)
    CorrectionFactory(article=musk_bezos, text="Le dîner a eu lieu mercredi.")
    CorrectionFactory(
        article=musk_bezos, text="Correction proposée, pas publiée.", status="proposed"
    )
    RelatedArticleFactory(from_article=musk_bezos, to_article=rocket, position=0)
    RelatedArticleFactory(from_article=musk_bezos, to_article=draft, position=1)
    RelatedArticleFactory(from_article=musk_bezos, to_article=scheduled, position=2)
    relationship_record(
        source=musk,
        kind=RelationshipKind.objects.get(slug="rival-of"),
        target=bezos,
        started_on=dt.date(2004, 1, 1),
        evidence=[musk_bezos],
    )
    return SimpleNamespace(
        espace=espace,
        economie=economie,
        helene=helene,
        paul=paul,
        musk=musk,
        bezos=bezos,
        nasa=nasa,
        musk_bezos=musk_bezos,
        rocket=rocket,
        markets=markets,
        draft=draft,
        review=review,
        scheduled=scheduled,
        public=[musk_bezos, rocket, markets],
        hidden=[draft, review, scheduled],
    )


@pytest.fixture
def export_key(monkeypatch):
    """Every request reads as one made with a key holding the export permission (the keys
    themselves are tested with the keys, tests/api/test_keys*.py)."""
    from api import access

    monkeypatch.setattr(access, "can_read_unpublished", lambda request: True)

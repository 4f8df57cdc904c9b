"""A small newsroom for the API's property and ninjs tests: public stories with every kind of
actor, contributors, topics, a section, a picture, a correction and related stories; a
draft, a story in review and a scheduled one that only a key with the export permission may
read; a relationship readers see and one known only from the draft."""

import datetime as dt
import uuid
from decimal import Decimal
from types import SimpleNamespace

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

# Fixed identities, so that a schema's parameters can be drawn from them before the rows exist.
RICH_UUID = uuid.UUID("7b0e3c3e-3c1e-4c5a-9d0b-5d8f3a1b2c01")
DRAFT_UUID = uuid.UUID("7b0e3c3e-3c1e-4c5a-9d0b-5d8f3a1b2c02")
STORY_SLUGS = ("musk-bezos-diner", "spacex-blue-origin", "fusee-en-orbite")
HIDDEN_SLUGS = ("brouillon-secret", "en-relecture", "programme-demain")
ACTOR_SLUGS = ("elon-musk", "jeff-bezos", "nasa", "floride", "diner-mar-a-lago")
SECTION_SLUGS = ("espace",)
TOPIC_SLUGS = ("espace", "milliardaires")


def build_world(picture: bool = True) -> SimpleNamespace:
    now = timezone.now()
    section = SectionFactory(slug="espace", name="Espace")
    author = ContributorFactory(slug="helene-garnier", name="Hélène Garnier")
    photographer = ContributorFactory(slug="paul-durand", name="Paul Durand")
    rich = ArticleFactory(
        uuid=RICH_UUID,
        title='Elon Musk et Jeff Bezos, "rivaux", à la même table',
        slug="musk-bezos-diner",
        kicker="Silicon Valley",
        standfirst="Longtemps adversaires, les deux milliardaires ont dîné ensemble.",
        body="Premier paragraphe, avec *emphase*.\n\n## Vingt ans de rivalité\n\nSecond.",
        section=section,
        tags=["espace", "milliardaires"],
        publish_at=now - dt.timedelta(days=2),
    )
    sign(rich, author, photographer)
    musk = ActorFactory(name="Elon Musk", slug="elon-musk", wikidata_id="Q317521")
    AliasFactory(actor=musk, name="Musk")
    bezos = ActorFactory(name="Jeff Bezos", slug="jeff-bezos", wikidata_id="Q312556")
    nasa = ActorFactory(
        name="NASA", slug="nasa", kind=Actor.Kind.ORGANISATION, wikidata_id="Q23548"
    )
    florida = ActorFactory(name="Floride", slug="floride", kind=Actor.Kind.PLACE)
    dinner = ActorFactory(name="Dîner de Mar-a-Lago", slug="diner-mar-a-lago", kind="event")
    roles = ArticleActor.Role
    for position, (actor, role) in enumerate(
        [
            (musk, roles.ABOUT),
            (bezos, roles.QUOTED),
            (nasa, roles.MENTIONS),
            (florida, roles.MENTIONS),
            (dinner, roles.ABOUT),
        ]
    ):
        ArticleActorFactory(article=rich, actor=actor, role=role, position=position)
    CorrectionFactory(article=rich, text="Le dîner a eu lieu mercredi, pas jeudi.")
    rival = relationship_record(
        source=musk,
        kind=RelationshipKind.objects.get(slug="rival-of"),
        target=bezos,
        started_on=dt.date(2004, 1, 1),
        amount=Decimal("2900000000.00"),
        currency="USD",
        evidence=[rich],
    )
    public = ArticleFactory(
        title="SpaceX contre Blue Origin",
        slug="spacex-blue-origin",
        section=section,
        language="en",
        tags=["espace"],
        publish_at=now - dt.timedelta(days=1),
    )
    ArticleActorFactory(article=public, actor=bezos, role=roles.ABOUT)
    rocket = ArticleFactory(
        title="Une fusée en orbite", slug="fusee-en-orbite", publish_at=now - dt.timedelta(hours=3)
    )
    draft = ArticleFactory(
        uuid=DRAFT_UUID,
        title="Brouillon secret sur Bezos",
        slug="brouillon-secret",
        status=Article.Status.DRAFT,
        publish_at=None,
        section=section,
    )
    ArticleActorFactory(article=draft, actor=bezos, role=roles.ABOUT)
    review = ArticleFactory(
        title="En relecture", slug="en-relecture", status=Article.Status.REVIEW, publish_at=None
    )
    scheduled = ArticleFactory(
        title="Programmé pour demain",
        slug="programme-demain",
        publish_at=now + dt.timedelta(days=1),
        first_published_at=None,
    )
    ArticleActorFactory(article=scheduled, actor=musk, role=roles.ABOUT)
    # Known only from the draft: readers must not see it.
    secret = ActorFactory(name="Source secrète", slug="source-secrete")
    ArticleActorFactory(article=draft, actor=secret)
    hidden = relationship_record(
        source=secret,
        kind=RelationshipKind.objects.get(slug="rival-of"),
        target=bezos,
        evidence=[draft],
    )
    RelatedArticleFactory(from_article=rich, to_article=public, position=0)
    RelatedArticleFactory(from_article=rich, to_article=draft, position=1)
    RelatedArticleFactory(from_article=rich, to_article=rocket, position=2)
    if picture:
        from tests.pictures.images import make_picture

        rich.lead_image = make_picture(seed=1, caption="Le dîner.", credit="Photo : AFP")
        rich.save()
    return SimpleNamespace(
        section=section,
        rich=rich,
        public=public,
        rocket=rocket,
        draft=draft,
        review=review,
        scheduled=scheduled,
        musk=musk,
        bezos=bezos,
        secret=secret,
        rival=rival,
        hidden=hidden,
        stories=[rocket, public, rich],  # newest first
        unpublished=[draft, review, scheduled],
    )

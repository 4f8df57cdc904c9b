"""Build the demo newsroom through the same services editors' work goes through.

Idempotent: sections, users, contributors, actors and stories that already exist (looked up
by slug or username) are left exactly as they are, so an editor's changes survive a re-run;
the links between them (related stories, relationships and their evidence) are ensured by
services that do nothing when the link is already there.
"""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from actors.models import Actor, Relationship, RelationshipKind
from actors.services import actor_create, alias_add, relationship_record
from articles.models import Article, ArticleActor, RelatedArticle, Section
from articles.services import (
    article_create,
    article_link_related,
    article_publish,
    article_tag_actor,
)
from contributors.models import Contributor
from contributors.services import contributor_create
from demo import pictures as demo_pictures
from demo.content import (
    ACTORS,
    CONTRIBUTORS,
    DEMO_PASSWORD,
    MAIN_STORY,
    RELATED,
    RELATIONSHIPS,
    SCHEDULED_IN,
    SECTIONS,
    STORIES,
    USERS,
    DemoStory,
)
from pictures.models import Picture
from pictures.services import picture_create

_PLACEHOLDER = re.compile(r"\{picture:([a-z0-9-]+)\}")


@dataclass
class DemoLogin:
    username: str
    role: str
    has_demo_password: bool  # False when an account of that name existed with its own password.


@dataclass
class DemoResult:
    main_story: Article
    logins: list[DemoLogin] = field(default_factory=list)


Log = Callable[[str], None]


def _created(label: str, created: int, total: int) -> str:
    return f"{label}: {created} created, {total - created} already there."


def _load_sections(log: Log) -> dict[str, Section]:
    sections, created = {}, 0
    for slug, name, description, position in SECTIONS:
        section = Section.objects.filter(slug=slug).first()
        if section is None:
            section = Section(slug=slug, name=name, description=description, position=position)
            section.full_clean()
            section.save()
            created += 1
        sections[slug] = section
    log(_created("Sections", created, len(SECTIONS)))
    return sections


def _load_users(log: Log) -> tuple[dict, list[DemoLogin]]:
    User = get_user_model()
    users, logins, created = {}, [], 0
    for spec in USERS:
        user = User.objects.filter(username=spec.username).first()
        is_new = user is None
        if is_new:
            names = {"first_name": spec.first_name, "last_name": spec.last_name}
            email = f"{spec.username}@example.com"
            if spec.group:
                user = User.objects.create_user(
                    spec.username, email, DEMO_PASSWORD, is_staff=True, **names
                )
            else:
                user = User.objects.create_superuser(spec.username, email, DEMO_PASSWORD, **names)
            created += 1
        if spec.group:
            # Publishing below goes through the editor's permissions, so the role must hold.
            user.groups.add(Group.objects.get(name=spec.group))
        users[spec.username] = user
        has_demo_password = is_new or user.check_password(DEMO_PASSWORD)
        logins.append(DemoLogin(spec.username, spec.role, has_demo_password))
    log(_created("Demo users", created, len(USERS)))
    return users, logins


def _picture(spec: demo_pictures.DemoPicture) -> tuple[Picture, bool]:
    """The demo picture, drawn and uploaded the first time only (found by its alt text)."""
    picture = Picture.objects.filter(source=demo_pictures.SOURCE, alt_text=spec.alt_text).first()
    if picture is not None:
        return picture, False
    picture = picture_create(
        upload=spec.data(),
        alt_text=spec.alt_text,
        caption=spec.caption,
        credit=spec.credit,
        source=demo_pictures.SOURCE,
    )
    return picture, True


def _load_pictures(log: Log) -> dict[str, Picture]:
    pictures, created = {}, 0
    for spec in demo_pictures.PICTURES:
        pictures[spec.key], is_new = _picture(spec)
        created += is_new
    log(_created("Pictures", created, len(demo_pictures.PICTURES)))
    return pictures


def _load_actors(log: Log) -> dict[str, Actor]:
    actors, created = {}, 0
    for spec in ACTORS:
        actor = Actor.objects.filter(slug=spec.slug).first()
        if actor is None:
            portrait = None
            if spec.slug in demo_pictures.PORTRAITS:
                portrait, _ = _picture(demo_pictures.portrait(spec.slug, spec.name))
            actor = actor_create(**spec.fields())
            for alias in spec.aliases:
                alias_add(actor=actor, name=alias)
            if portrait is not None:
                actor.portrait = portrait
                actor.save(update_fields=["portrait"])
            created += 1
        actors[spec.slug] = actor
    log(_created("Actors", created, len(ACTORS)))
    return actors


def _load_contributors(users: dict, log: Log) -> dict[str, Contributor]:
    contributors, created = {}, 0
    for spec in CONTRIBUTORS:
        user = users.get(spec.username)
        contributor = Contributor.objects.filter(slug=spec.slug).first()
        if contributor is None and user is not None:
            # The account's byline, made when existing stories moved to contributors.
            contributor = Contributor.objects.filter(user=user).first()
        if contributor is None:
            contributor = contributor_create(
                name=spec.name, slug=spec.slug, role=spec.role, bio=spec.bio, user=user
            )
            created += 1
        contributors[spec.slug] = contributor
    log(_created("Contributors", created, len(CONTRIBUTORS)))
    return contributors


def _load_stories(
    *, sections: dict, users: dict, people: dict, pictures: dict, now: dt.datetime, log: Log
) -> dict[str, Article]:
    """``people``: the actors and the contributors, by slug (``actors``, ``contributors``)."""
    stories, created = {}, 0
    for spec in STORIES:
        article = Article.objects.filter(slug=spec.slug).first()
        if article is None:
            article = _story_create(
                spec, sections=sections, users=users, pictures=pictures, now=now, **people
            )
            created += 1
        stories[spec.slug] = article
    log(_created("Stories", created, len(STORIES)))
    return stories


def _with_pictures(body: str, pictures: dict[str, Picture]) -> str:
    """The demo's {picture:key} placeholders as the library references editors write."""
    return _PLACEHOLDER.sub(lambda match: pictures[match.group(1)].reference, body)


def _story_create(
    spec: DemoStory,
    *,
    sections: dict,
    users: dict,
    actors: dict,
    contributors: dict,
    pictures: dict,
    now: dt.datetime,
) -> Article:
    article = article_create(
        title=spec.title,
        slug=spec.slug,
        kicker=spec.kicker,
        standfirst=spec.standfirst,
        body=_with_pictures(spec.body, pictures),
        language=spec.language,
        section=sections[spec.section],
        contributors=[contributors[slug] for slug in spec.contributors],
        tags=spec.tags,
    )
    for slug in spec.about:
        article_tag_actor(article=article, actor=actors[slug], role=ArticleActor.Role.ABOUT)
    for slug in spec.mentions:
        article_tag_actor(article=article, actor=actors[slug], role=ArticleActor.Role.MENTIONS)
    if spec.lead_image:
        article.lead_image = pictures[spec.lead_image]
        article.save(update_fields=["lead_image"])
    publish_at = now + SCHEDULED_IN if spec.scheduled else spec.publish_at
    if publish_at is not None:
        article = article_publish(article=article, by=users["editor"], publish_at=publish_at)
    return article


def _load_links(stories: dict[str, Article], log: Log) -> None:
    before = RelatedArticle.objects.count()
    for first, second in RELATED:
        article_link_related(article=stories[first], related=stories[second])
    log(f"Related-story links: {RelatedArticle.objects.count() - before} added.")


def _load_relationships(actors: dict[str, Actor], stories: dict[str, Article], log: Log) -> None:
    kinds = {kind.slug: kind for kind in RelationshipKind.objects.all()}
    before = Relationship.objects.count()
    for spec in RELATIONSHIPS:
        relationship_record(
            source=actors[spec.source],
            kind=kinds[spec.kind],
            target=actors[spec.target],
            evidence=[stories[slug] for slug in spec.evidence],
            **spec.facts(),
        )
    log(f"Relationships: {Relationship.objects.count() - before} added.")


@transaction.atomic
def load_demo(*, log: Log = lambda line: None, now: dt.datetime | None = None) -> DemoResult:
    """Create whatever part of the demo newsroom is missing; all or nothing."""
    now = now or timezone.now()
    sections = _load_sections(log)
    users, logins = _load_users(log)
    pictures = _load_pictures(log)
    actors = _load_actors(log)
    contributors = _load_contributors(users, log)
    people = {"actors": actors, "contributors": contributors}
    stories = _load_stories(
        sections=sections, users=users, people=people, pictures=pictures, now=now, log=log
    )
    _load_links(stories, log)
    _load_relationships(actors, stories, log)
    return DemoResult(main_story=stories[MAIN_STORY], logins=logins)

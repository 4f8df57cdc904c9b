"""Writes that touch stories and the rows around them (tags, links, corrections)."""

from collections.abc import Iterable
from datetime import datetime

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from taggit.models import Tag

from actors.models import Actor, Relationship
from articles.models import (
    Article,
    ArticleActor,
    ArticleOldSlug,
    Correction,
    RelatedArticle,
    Section,
)
from common.services import require, revision
from common.text import check_storable, validate_storable_text

# Letters that Django's slugify drops (it keeps what Unicode decomposes into ASCII), spelled
# as the admin's slug prefill (URLify) spells them: "Cœur" is "coeur", not "cur".
_SPELLED_OUT = str.maketrans(
    {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O", "đ": "d",
     "Đ": "D", "ł": "l", "Ł": "L", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH"}
)  # fmt: skip


def article_free_slug(title: str) -> str:
    """A slug for a new story's headline: ASCII letters, digits and hyphens, never empty,
    numbered ("-2") when a story has it or had it (its old URL redirects there)."""
    base = slugify(title.translate(_SPELLED_OUT))[:240].strip("-") or "article"
    slug, n = base, 1
    while (
        Article.objects.filter(slug=slug).exists()
        or ArticleOldSlug.objects.filter(slug=slug).exists()
    ):
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def article_create(
    *,
    title: str,
    body: str = "",
    slug: str = "",
    kicker: str = "",
    standfirst: str = "",
    language: str = Article.Language.FRENCH,
    section: Section | None = None,
    authors: Iterable = (),
    tags: Iterable[str] = (),
    canonical_url: str = "",
) -> Article:
    article = Article(
        title=title,
        slug=slug or article_free_slug(title),
        kicker=kicker,
        standfirst=standfirst,
        body=body,
        language=language,
        section=section,
        canonical_url=canonical_url,
    )
    tags = list(tags)
    validate_storable_text(article)
    try:
        validate_topics(tags)
    except ValidationError as error:
        raise ValidationError({"tags": error.messages}) from None
    article.full_clean()
    article.save()
    article.authors.set(list(authors))
    article.tags.set(tags)
    return article


TOPIC_MAX_LENGTH = Tag._meta.get_field("name").max_length


def validate_topics(names: Iterable[str]) -> None:
    """Topic names a story may carry. Each topic has a page whose address is its slug, so a
    name without a letter or digit ("-", ">") would leave the story's page unable to link
    it; the tag table holds 100 characters."""
    for name in names:
        check_storable(name)
        if len(name) > TOPIC_MAX_LENGTH:
            raise ValidationError(
                _("The topic “%(start)s…” is longer than %(max)s characters.")
                % {"start": name[:30], "max": TOPIC_MAX_LENGTH},
                code="topic_too_long",
            )
        if not Tag().slugify(name):
            raise ValidationError(
                _("The topic “%(name)s” needs at least one letter or digit.") % {"name": name},
                code="topic_without_slug",
            )


def _touch(article: Article) -> None:
    """Bump the lock version and the modified date in one UPDATE (never from a stale copy in
    memory), then record the story, with its tags, links and corrections, in the history."""
    Article.objects.filter(pk=article.pk).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    article.refresh_from_db(fields=["version", "updated_at"])
    if reversion.is_active():
        reversion.add_to_revision(article)


def _last_position(queryset) -> int:
    last = queryset.aggregate(last=Max("position"))["last"]
    return -1 if last is None else last


@transaction.atomic
def article_tag_actor(
    *, article: Article, actor: Actor, role: str = ArticleActor.Role.MENTIONS, by=None
) -> ArticleActor:
    """Tag an actor on a story (or change the role of an existing tag), placed last.

    The story's lock version does not move: a tag is its own row, and an editor with the
    story open (who may have just clicked a suggestion) must still be able to save.
    """
    require(by, "articles.add_articleactor")
    comment = _("Tagged %(actor)s (%(role)s)") % {
        "actor": actor,
        "role": ArticleActor.Role(role).label,
    }
    with revision(by=by, comment=comment):
        tag = ArticleActor.objects.filter(article=article, actor=actor).first()
        if tag is None:
            tag = ArticleActor(
                article=article,
                actor=actor,
                role=role,
                position=_last_position(article.actor_tags) + 1,
            )
            tag.full_clean()
            tag.save()
        elif tag.role != role:
            tag.role = role
            tag.full_clean()
            tag.save(update_fields=["role"])
        reversion.add_to_revision(article)
    return tag


@transaction.atomic
def article_link_related(*, article: Article, related: Article, by=None) -> RelatedArticle:
    """Link two stories (shown from both ends); linking twice, either way, is a no-op."""
    existing = (
        RelatedArticle.objects.filter(from_article=article, to_article=related).first()
        or RelatedArticle.objects.filter(from_article=related, to_article=article).first()
    )
    if existing is not None:
        return existing
    require(by, "articles.add_relatedarticle")
    with revision(by=by, comment=_("Linked %(story)s") % {"story": related}):
        link = RelatedArticle(
            from_article=article,
            to_article=related,
            position=_last_position(article.related_links) + 1,
        )
        link.full_clean()
        link.save()
        reversion.add_to_revision(article)
    return link


@transaction.atomic
def article_publish(*, article: Article, by, publish_at: datetime | None = None) -> Article:
    """Publish now, or schedule when ``publish_at`` is in the future."""
    require(by, "articles.publish_article")
    with revision(by=by, comment=_("Published")):
        article.status = Article.Status.PUBLISHED
        article.publish_at = publish_at or article.publish_at or timezone.now()
        if article.first_published_at is None:
            article.first_published_at = article.publish_at
        article.full_clean()
        # Only the workflow fields: the rest of this copy may be older than the row.
        article.save(update_fields=["status", "publish_at", "first_published_at"])
        _touch(article)
    return article


@transaction.atomic
def article_submit(*, article: Article, by) -> Article:
    """A reporter hands a draft to the editors."""
    require(by, "articles.change_article")
    if article.status == Article.Status.DRAFT:
        with revision(by=by, comment=_("Submitted for review")):
            article.status = Article.Status.REVIEW
            article.save(update_fields=["status"])
            _touch(article)
    return article


@transaction.atomic
def article_unpublish(*, article: Article, by, status: str = Article.Status.DRAFT) -> Article:
    """Take a story off the public site, back to draft (or to review)."""
    require(by, "articles.publish_article")
    if status == Article.Status.PUBLISHED:
        raise ValueError("article_unpublish cannot leave a story published")
    with revision(by=by, comment=_("Unpublished")):
        article.status = status
        article.save(update_fields=["status"])
        _touch(article)
    return article


@transaction.atomic
def correction_add(
    *, article: Article, text: str, by=None, published_at: datetime | None = None
) -> Correction:
    """Append a correction; the story's modified date moves with it, and the relationships
    the story is evidence for are flagged for an editor to check again."""
    require(by, "articles.add_correction")
    with revision(by=by, comment=_("Correction added")):
        correction = Correction(
            article=article, text=text, published_at=published_at or timezone.now()
        )
        validate_storable_text(correction)
        correction.full_clean()
        correction.save()
        for relationship in Relationship.objects.filter(evidence=article, needs_review=False):
            relationship.needs_review = True
            relationship.save(update_fields=["needs_review", "updated_at"])
        _touch(article)
    return correction


def article_retire_slug(*, article: Article, old_slug: str) -> ArticleOldSlug | None:
    """Remember the slug a story just left, so that its old URL answers 301 to the new one.

    Call it after the story is saved under its new slug (e.g. from the admin's save_model when
    the slug field changed). Only URLs readers could have seen are kept: a story never
    published has none.
    """
    if not old_slug or old_slug == article.slug or article.first_published_at is None:
        return None
    with transaction.atomic():
        # A story may come back to a slug it once left: that URL is live again.
        ArticleOldSlug.objects.filter(slug=article.slug).delete()
        retired, _ = ArticleOldSlug.objects.update_or_create(
            slug=old_slug, defaults={"article": article}
        )
    return retired


@transaction.atomic
def article_change_slug(*, article: Article, slug: str) -> Article:
    """Move a story to a new slug, keeping its old URL as a redirect once it has been public."""
    old_slug = article.slug
    if slug == old_slug:
        return article
    article.slug = slug
    article.full_clean()
    article.save(update_fields=["slug", "updated_at"])
    article_retire_slug(article=article, old_slug=old_slug)
    return article

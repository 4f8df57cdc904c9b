"""Writes that touch stories and the rows around them (tags, links, corrections)."""

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from actors.models import Actor
from articles.models import (
    Article,
    ArticleActor,
    ArticleOldSlug,
    Correction,
    RelatedArticle,
    Section,
)


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
        slug=slug or slugify(title)[:250],
        kicker=kicker,
        standfirst=standfirst,
        body=body,
        language=language,
        section=section,
        canonical_url=canonical_url,
    )
    article.full_clean()
    article.save()
    article.authors.set(list(authors))
    article.tags.set(list(tags))
    return article


def article_tag_actor(
    *, article: Article, actor: Actor, role: str = ArticleActor.Role.MENTIONS
) -> ArticleActor:
    """Tag an actor on a story (or change the role of an existing tag), placed last."""
    tag = ArticleActor.objects.filter(article=article, actor=actor).first()
    if tag is not None:
        if tag.role != role:
            tag.role = role
            tag.full_clean()
            tag.save(update_fields=["role"])
        return tag
    last = article.actor_tags.aggregate(last=Max("position"))["last"]
    tag = ArticleActor(
        article=article, actor=actor, role=role, position=0 if last is None else last + 1
    )
    tag.full_clean()
    tag.save()
    return tag


def article_link_related(*, article: Article, related: Article) -> RelatedArticle:
    """Link two stories (shown from both ends); linking twice, either way, is a no-op."""
    existing = (
        RelatedArticle.objects.filter(from_article=article, to_article=related).first()
        or RelatedArticle.objects.filter(from_article=related, to_article=article).first()
    )
    if existing is not None:
        return existing
    last = article.related_links.aggregate(last=Max("position"))["last"]
    link = RelatedArticle(
        from_article=article, to_article=related, position=0 if last is None else last + 1
    )
    link.full_clean()
    link.save()
    return link


def _require(user, perm: str) -> None:
    if user is not None and not user.has_perm(perm):
        raise PermissionDenied(_("You are not allowed to do this."))


@transaction.atomic
def article_publish(*, article: Article, by, publish_at: datetime | None = None) -> Article:
    """Publish now, or schedule when ``publish_at`` is in the future."""
    _require(by, "articles.publish_article")
    article.status = Article.Status.PUBLISHED
    article.publish_at = publish_at or article.publish_at or timezone.now()
    if article.first_published_at is None:
        article.first_published_at = article.publish_at
    article.full_clean()
    article.version = F("version") + 1
    article.save()
    article.refresh_from_db()
    return article


@transaction.atomic
def article_submit(*, article: Article, by) -> Article:
    """A reporter hands a draft to the editors."""
    _require(by, "articles.change_article")
    if article.status == Article.Status.DRAFT:
        article.status = Article.Status.REVIEW
        article.version = F("version") + 1
        article.save()
        article.refresh_from_db()
    return article


@transaction.atomic
def article_unpublish(*, article: Article, by) -> Article:
    _require(by, "articles.publish_article")
    article.status = Article.Status.DRAFT
    article.version = F("version") + 1
    article.save()
    article.refresh_from_db()
    return article


@transaction.atomic
def correction_add(*, article: Article, text: str, by=None) -> Correction:
    """Append a correction; the story's modified date moves with it."""
    _require(by, "articles.add_correction")
    correction = Correction(article=article, text=text)
    correction.full_clean()
    correction.save()
    Article.objects.filter(pk=article.pk).update(
        updated_at=timezone.now(), version=F("version") + 1
    )
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

"""Creating and editing stories: their slug, their topics, a save from the story form."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from articles.models import Article, ArticleOldSlug, Byline, Section
from articles.services._rows import touch
from articles.services.proposals import require_live_edit
from articles.services.publishing import PUBLISH_PERMISSION, article_check_status_change
from articles.services.topics import validate_topics
from common.services import require
from common.slugs import slug_keep_redirect
from common.text import validate_storable_text


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
    contributors: Iterable = (),
    tags: Iterable[str] = (),
    canonical_url: str = "",
    by=None,
) -> Article:
    require(by, "articles.add_article")
    article = Article(
        title=title,
        # save() would fill it, but full_clean() runs first and needs it.
        slug=slug or Article.objects.free_slug(title),
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
    Byline.objects.bulk_create(
        Byline(article=article, contributor=contributor, position=position)
        for position, contributor in enumerate(dict.fromkeys(contributors))
    )
    article.tags.set(tags)
    return article


@transaction.atomic
def article_save(*, article: Article, by) -> Article:
    """Save a story as edited on its form, in one write: publishing or unpublishing it that
    way takes the permission the workflow actions take, an empty publication time on a
    published story means now, the first publication is stamped, and a slug readers saw
    keeps answering (301). What moved is read from the stored row. The form saves its
    inlines and topics afterwards. A live story changes only by those who may publish: a
    reporter's change to it is proposed instead (article_propose_change)."""
    before = Article.objects.filter(pk=article.pk).first() if article.pk else None
    require(by, "articles.change_article" if before else "articles.add_article")
    if before is not None:
        require_live_edit(article=before, by=by)
    article.publish_at = article_check_status_change(
        before=before, status=article.status, publish_at=article.publish_at, by=by
    )
    published, was = Article.Status.PUBLISHED, before.status if before else Article.Status.DRAFT
    if article.status == published and article.first_published_at is None:
        article.first_published_at = article.publish_at
    article.full_clean()
    article.save()
    if before is not None and before.first_published_at is not None:
        article_retire_slug(article=article, old_slug=before.slug, by=by)
    if was != article.status and published in (was, article.status):
        # Publishing and unpublishing move the version and the history, as the actions do.
        touch(article)
    return article


def article_retire_slug(*, article: Article, old_slug: str, by=None) -> ArticleOldSlug | None:
    """Remember the slug a story just left, so that its old URL answers 301 to the new one.

    Call it after the story is saved under its new slug (e.g. from the admin's save_model when
    the slug field changed). Only URLs readers could have seen are kept: a story never
    published has none.
    """
    require(by, "articles.change_article")
    if not old_slug or old_slug == article.slug or article.first_published_at is None:
        return None
    return slug_keep_redirect(
        ArticleOldSlug.objects, "slug", old=old_slug, new=article.slug, to={"article": article}
    )


@transaction.atomic
def article_change_slug(*, article: Article, slug: str, by=None) -> Article:
    """Move a story to a new slug, keeping its old URL as a redirect once it has been public."""
    require(by, "articles.change_article")
    require_live_edit(article=article, by=by)
    old_slug = article.slug
    if slug == old_slug:
        return article
    article.slug = slug
    article.full_clean()
    article.save(update_fields=["slug", "updated_at"])
    article_retire_slug(article=article, old_slug=old_slug, by=by)
    return article


@transaction.atomic
def article_import(*, article: Article, old_slug: str = "", by=None) -> Article:
    """Save a story as a file states it: its status, times and version are the file's, not
    the workflow's, so a user needs the publish permission to write a published one. A slug
    readers saw (``old_slug``, before the file's fields were set) keeps answering (301)."""
    require(by, "articles.change_article" if article.pk else "articles.add_article")
    if article.status == Article.Status.PUBLISHED:
        require(by, PUBLISH_PERMISSION)
    article.full_clean()
    article.save()
    article_retire_slug(article=article, old_slug=old_slug, by=by)
    return article

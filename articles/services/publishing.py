"""Who may move a story on or off the public site, and the workflow steps that do.

The rule is defined here once: the story form, the history restore and the actions ask it.
"""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.models import Version

from articles.models import Article
from articles.services._rows import touch
from common.services import require, revision

PUBLISH_PERMISSION = "articles.publish_article"

PUBLISH_REFUSED = gettext_lazy(
    "Only editors can publish or unpublish a story. Submit it for review instead."
)
RESTORE_REFUSED = gettext_lazy(
    "Only editors can restore a version that publishes, unpublishes or reschedules the story."
)
RESTORE_LIVE_REFUSED = gettext_lazy(
    "Only editors can restore a version of a published story: readers see it at once."
)
RESTORE_SCHEDULED_REFUSED = gettext_lazy(
    "Only editors can restore a version of a scheduled story: readers would see it at its "
    "time, unreviewed."
)


def _can_publish(by) -> bool:
    """Scripts (``by`` None) may, as with every service; users need the permission."""
    return by is None or by.has_perm(PUBLISH_PERMISSION)


def publication_moves(then: dict, now: dict) -> bool:
    """Whether going from ``now`` to ``then`` (their status and publish_at) publishes,
    unpublishes or reschedules a story. The history keeps times to the millisecond only,
    hence the second of tolerance."""
    published = Article.Status.PUBLISHED
    if then.get("status") != now.get("status"):
        return published in (then.get("status"), now.get("status"))
    if then.get("status") != published:
        return False
    before, after = then.get("publish_at"), now.get("publish_at")
    if before is None or after is None:
        return before is not after
    return abs(before - after) >= timedelta(seconds=1)


def article_check_status_change(
    *, before: Article | None, status: str, publish_at: datetime | None, by
) -> datetime | None:
    """Refuse a change of status or time that moves publication without the permission;
    return the publication time to store (an empty one means now, on a published story)."""
    was = {"status": Article.Status.DRAFT, "publish_at": None}
    if before is not None:
        was = {"status": before.status, "publish_at": before.publish_at}
    will = {"status": status, "publish_at": publish_at}
    if publication_moves(will, was) and not _can_publish(by):
        raise PermissionDenied(PUBLISH_REFUSED)
    if status == Article.Status.PUBLISHED and publish_at is None:
        return timezone.now()
    return publish_at


def article_check_restore(*, version: Version, by) -> None:
    """Restoring a history entry writes its status and time back: publishing, unpublishing
    or rescheduling that way takes the publish permission, as on the form. A restore cannot
    do what its user could not do by hand: recovering a deleted story takes the right to
    delete stories, and only editors restore a story readers see."""
    live = Article.objects.filter(pk=version.object_id).values("status", "publish_at").first()
    if live is None:
        require(by, "articles.delete_article")
    if _can_publish(by):
        return
    if (live or {}).get("status") == Article.Status.PUBLISHED:
        scheduled = live["publish_at"] is not None and live["publish_at"] > timezone.now()
        raise PermissionDenied(RESTORE_SCHEDULED_REFUSED if scheduled else RESTORE_LIVE_REFUSED)
    if publication_moves(version.field_dict, live or {}):
        raise PermissionDenied(RESTORE_REFUSED)


@transaction.atomic
def article_publish(*, article: Article, by, publish_at: datetime | None = None) -> Article:
    """Publish now, or schedule when ``publish_at`` is in the future."""
    require(by, PUBLISH_PERMISSION)
    with revision(by=by, comment=_("Published")):
        article.status = Article.Status.PUBLISHED
        article.publish_at = publish_at or article.publish_at or timezone.now()
        if article.first_published_at is None:
            article.first_published_at = article.publish_at
        article.full_clean()
        # Only the workflow fields: the rest of this copy may be older than the row.
        article.save(update_fields=["status", "publish_at", "first_published_at"])
        touch(article)
    return article


@transaction.atomic
def article_submit(*, article: Article, by) -> Article:
    """A reporter hands a draft to the editors."""
    require(by, "articles.change_article")
    if article.status == Article.Status.DRAFT:
        with revision(by=by, comment=_("Submitted for review")):
            article.status = Article.Status.REVIEW
            article.save(update_fields=["status"])
            touch(article)
    return article


@transaction.atomic
def article_unpublish(*, article: Article, by, status: str = Article.Status.DRAFT) -> Article:
    """Take a story off the public site, back to draft (or to review)."""
    require(by, PUBLISH_PERMISSION)
    if status == Article.Status.PUBLISHED:
        raise ValueError("article_unpublish cannot leave a story published")
    with revision(by=by, comment=_("Unpublished")):
        article.status = status
        article.save(update_fields=["status"])
        touch(article)
    return article

"""Bookkeeping every story write shares: the lock version, the modified date, the history."""

import reversion
from django.db.models import F, Max
from django.utils import timezone

from articles.models import Article


def touch(article: Article) -> None:
    """Bump the lock version and the modified date in one UPDATE (never from a stale copy in
    memory), then record the story, with its tags, links and corrections, in the history."""
    Article.objects.filter(pk=article.pk).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    article.refresh_from_db(fields=["version", "updated_at"])
    if reversion.is_active():
        reversion.add_to_revision(article)


def last_position(queryset) -> int:
    last = queryset.aggregate(last=Max("position"))["last"]
    return -1 if last is None else last

"""Keyset pagination for the story list: the cursor names the last story of a page.

The order is the desk's (``publish_at`` newest first, then ``id``; stories without a time,
drafts, first, as PostgreSQL's descending index ``article_desk_order`` holds them). The next
page is ``WHERE publish_at <= t AND (publish_at < t OR id < i)``: the first condition starts
the index scan where the last page ended, so the 5,000th page reads as few rows as the first
(an OFFSET would read every row before it). The cursor is that key, signed: opaque to callers,
and a tampered one is refused rather than trusted.
"""

import datetime as dt

from django.core import signing
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _

from api.errors import BadParameter

SALT = "api.stories.cursor"
MAX_LENGTH = 200


def ordered(stories: QuerySet) -> QuerySet:
    return stories.order_by(F("publish_at").desc(nulls_first=True), "-id")


def encode(story) -> str:
    moment = story.publish_at.astimezone(dt.UTC).isoformat() if story.publish_at else None
    return signing.dumps([moment, story.pk], salt=SALT)


def decode(cursor: str) -> tuple[dt.datetime | None, int]:
    bad = BadParameter("cursor", _("Malformed cursor: use the “next” link of a previous page."))
    if len(cursor) > MAX_LENGTH:
        raise bad
    try:
        moment, pk = signing.loads(cursor, salt=SALT)
        if not isinstance(pk, int) or isinstance(pk, bool):
            raise bad
        return (None if moment is None else dt.datetime.fromisoformat(moment)), pk
    except (signing.BadSignature, ValueError, TypeError):
        raise bad from None


def after(stories: QuerySet, cursor: str | None) -> QuerySet:
    """The stories that come after the cursor's, in ``ordered()`` order."""
    if not cursor:
        return stories
    moment, pk = decode(cursor)
    if moment is None:
        # Among the undated (first), then every dated story.
        return stories.filter(Q(publish_at__isnull=True, id__lt=pk) | Q(publish_at__isnull=False))
    return stories.filter(publish_at__lte=moment).filter(Q(publish_at__lt=moment) | Q(id__lt=pk))

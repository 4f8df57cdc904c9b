"""What a delivery says: the event, when, and the public face of the story (never a draft)."""

import json
import uuid
from datetime import datetime

from django.conf import settings
from django.urls import reverse

from articles.models import Article, Correction


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _absolute(path: str) -> str:
    return settings.NEWSROOM_BASE_URL + path


def story_fields(*, story_uuid, slug: str, title: str, published_at, updated_at) -> dict:
    """A story as partners see it: where it lives on the site and in the content API."""
    return {
        "uuid": str(story_uuid),
        "slug": slug,
        "title": title,
        "url": _absolute(reverse("articles:detail", kwargs={"slug": slug})),
        "api_url": _absolute(f"/api/v1/stories/{story_uuid}"),
        "published_at": _iso(published_at),
        "updated_at": _iso(updated_at),
    }


def story_of(article: Article) -> dict:
    return story_fields(
        story_uuid=article.uuid,
        slug=article.slug,
        title=article.title,
        published_at=article.publish_at,
        updated_at=article.last_changed,
    )


def correction_of(correction: Correction) -> dict:
    return {"text": correction.text, "published_at": _iso(correction.published_at)}


def body(
    *,
    event: str,
    delivery: uuid.UUID,
    occurred_at: datetime,
    story: dict,
    correction: dict | None = None,
) -> str:
    """The JSON text signed and sent (its UTF-8 bytes are what the signature covers)."""
    payload = {
        "event": event,
        "occurred_at": _iso(occurred_at),
        "delivery": str(delivery),
        "story": story,
    }
    if correction is not None:
        payload["correction"] = correction
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))

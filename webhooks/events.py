"""Which webhook events a change to a story or a correction makes, from Django's signals.

The row as stored is read before the save (pre_save), so that what moved is known after
it (post_save): a story that becomes public is ``published``; a public story saved and
still public is ``updated``; one that leaves public, or is deleted, is ``unpublished``; a
correction that becomes public on a public story is ``corrected``. A story scheduled for
later is queued to be told at its time, and checked again then (webhooks.tasks).
"""

import functools
import logging

from django.utils import timezone

from articles.models import Article, Correction
from articles.models.stories import story_is_public
from webhooks import payloads
from webhooks.models import Event
from webhooks.queueing import Occurrence, queue

logger = logging.getLogger("webhooks")
STORED = ("status", "publish_at", "slug", "title", "updated_at")
_BEFORE = "_webhooks_before"


def never_breaks(receiver):
    """A receiver whose error is logged, never raised into the editor's save."""

    @functools.wraps(receiver)
    def guarded(*args, **kwargs):
        try:
            receiver(*args, **kwargs)
        except Exception:
            logger.exception("Webhook events could not be worked out")

    return guarded


def _scheduled_at(status: str, publish_at, now):
    """The time of a publication still to come (None when there is none)."""
    waiting = status == Article.Status.PUBLISHED and publish_at is not None
    return publish_at if waiting and not story_is_public(status, publish_at, now) else None


def article_stored(sender, instance, raw=False, **kwargs):
    stored = None
    if not raw and instance.pk is not None:
        stored = sender._default_manager.filter(pk=instance.pk).values(*STORED).first()
    setattr(instance, _BEFORE, stored)


def _left_public(before: dict, story: Article) -> Occurrence:
    """What partners are told of a story that left: its public face as it was."""
    fields = payloads.story_fields(
        story_uuid=story.uuid,
        slug=before["slug"],
        title=before["title"],
        published_at=before["publish_at"],
        updated_at=timezone.now(),
    )
    return Occurrence(Event.UNPUBLISHED, story.uuid, fields)


def _changes(before: dict | None, story: Article, now) -> tuple[list, dict | None]:
    """The occurrences a save of ``story`` makes (``before``: the row as stored, None for a
    new story), and the scheduled publication it supersedes."""
    was_public = before is not None and story_is_public(before["status"], before["publish_at"], now)
    occurrences = []
    if story_is_public(story.status, story.publish_at, now):
        event = Event.UPDATED if was_public else Event.PUBLISHED
        occurrences.append(Occurrence(event, story.uuid, payloads.story_of(story)))
    elif was_public:
        occurrences.append(_left_public(before, story))
    was_at = _scheduled_at(before["status"], before["publish_at"], now) if before else None
    will_at = _scheduled_at(story.status, story.publish_at, now)
    if will_at is not None and will_at != was_at:
        occurrences.append(Occurrence(Event.PUBLISHED, story.uuid, None, scheduled_for=will_at))
    supersede = {story.uuid: will_at} if was_at is not None and was_at != will_at else None
    return occurrences, supersede


@never_breaks
def article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    before = instance.__dict__.pop(_BEFORE, None)
    occurrences, supersede = _changes(before, instance, timezone.now())
    queue(occurrences, supersede=supersede)


@never_breaks
def stories_created(sender, stories, **kwargs) -> None:
    """What ``article_saved`` tells of new stories, for rows written in bulk (no post_save)."""
    now = timezone.now()
    queue([occurrence for story in stories for occurrence in _changes(None, story, now)[0]])


@never_breaks
def article_deleted(sender, instance, **kwargs):
    before = instance.__dict__.pop(_BEFORE, None)
    if before is None:
        return
    now = timezone.now()
    occurrences = []
    if story_is_public(before["status"], before["publish_at"], now):
        occurrences.append(_left_public(before, instance))
    was_at = _scheduled_at(before["status"], before["publish_at"], now)
    queue(occurrences, supersede={instance.uuid: None} if was_at else None)


def correction_stored(sender, instance, raw=False, **kwargs):
    was_public = False
    if not raw and instance.pk is not None:
        was_public = Correction.objects.public().filter(pk=instance.pk).exists()
    setattr(instance, _BEFORE, was_public)


@never_breaks
def correction_saved(sender, instance, raw=False, **kwargs):
    was_public = instance.__dict__.pop(_BEFORE, False)
    if raw or was_public:
        return
    if not Correction.objects.public().filter(pk=instance.pk).exists():
        return
    story = instance.article
    if not story.is_public:
        return  # told with the story when it is published
    occurrence = Occurrence(
        Event.CORRECTED,
        story.uuid,
        payloads.story_of(story),
        correction=payloads.correction_of(instance),
    )
    queue([occurrence])

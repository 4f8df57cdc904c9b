"""Corrections appended to a story: readers see them, dated, under its text.

A correction readers have seen is public record: it is never deleted nor rewritten by a
reporter, and only an editor withdraws it (it stays, withdrawn, in the admin and the
history). Reporters propose corrections; editors publish them.
"""

from datetime import datetime

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actors.models import Relationship
from articles.models import Article, Correction
from articles.services._rows import touch
from common.services import require, revision
from common.text import validate_storable_text

PUBLISH_CORRECTION_PERMISSION = "articles.publish_correction"

CORRECTION_DELETE_REFUSED = gettext_lazy(
    "Readers have seen this correction: it cannot be deleted. Withdraw it instead."
)
EDIT_REFUSED = gettext_lazy("Only editors can change a correction readers have seen.")


def _can_publish(by) -> bool:
    """Scripts (``by`` None) may, as with every service; users need the permission."""
    return by is None or by.has_perm(PUBLISH_CORRECTION_PERMISSION)


def _write(correction: Correction) -> None:
    validate_storable_text(correction)
    correction.full_clean()
    correction.save()


def _story_moved(correction: Correction) -> None:
    """A change readers do not see (a proposal): a story form opened before it is stale now
    (editing.locking), and the story's history says who; its modified date stays."""
    Article.objects.filter(pk=correction.article_id).update(version=F("version") + 1)
    if reversion.is_active():
        reversion.add_to_revision(Article.objects.get(pk=correction.article_id))


def _make_public(correction: Correction) -> None:
    """Readers see it from now: the story's modified date moves, and the relationships the
    story is evidence for are flagged for an editor to check again."""
    correction.status = Correction.Status.PUBLISHED
    _write(correction)
    for relationship in Relationship.objects.filter(
        evidence=correction.article, needs_review=False
    ):
        relationship.needs_review = True
        relationship.save(update_fields=["needs_review", "updated_at"])
    touch(correction.article)


@transaction.atomic
def correction_add(
    *, article: Article, text: str, by=None, published_at: datetime | None = None
) -> Correction:
    """An editor's correction, public at once."""
    require(by, "articles.add_correction")
    require(by, PUBLISH_CORRECTION_PERMISSION)
    correction = Correction(article=article, text=text)
    correction.published_at = published_at or timezone.now()
    with revision(by=by, comment=_("Correction added")):
        _make_public(correction)
    return correction


@transaction.atomic
def correction_propose(*, article: Article, text: str, by=None) -> Correction:
    """A reporter's (or an editor's) correction, hidden from readers until published."""
    require(by, "articles.add_correction")
    correction = Correction(article=article, text=text, status=Correction.Status.PROPOSED)
    with revision(by=by, comment=_("Correction proposed")):
        _write(correction)
        _story_moved(correction)
    return correction


def _move(correction: Correction, status: str, *, by, comment: str, **fields) -> Correction:
    """Lock the row and move it to ``status`` with ``fields``, in one history entry; a row
    already there is left as it is (two editors clicking at once)."""
    correction = Correction.objects.select_for_update().get(pk=correction.pk)
    if correction.status != status:
        for name, value in fields.items():
            setattr(correction, name, value)
        correction.version += 1  # a form opened before is stale (editing.locking)
        with revision(by=by, comment=comment):
            if status == Correction.Status.PUBLISHED:
                _make_public(correction)
            else:
                correction.status = status
                _write(correction)
                touch(correction.article)
    return correction


@transaction.atomic
def correction_publish(*, correction: Correction, by=None) -> Correction:
    """Show a proposed correction to readers, dated now."""
    require(by, PUBLISH_CORRECTION_PERMISSION)
    return _move(
        correction,
        Correction.Status.PUBLISHED,
        by=by,
        comment=_("Correction published"),
        published_at=timezone.now(),
        withdrawn_at=None,
        withdrawn_by=None,
    )


@transaction.atomic
def correction_withdraw(*, correction: Correction, by=None) -> Correction:
    """Take a correction off the story page; the row and its history stay."""
    require(by, PUBLISH_CORRECTION_PERMISSION)
    return _move(
        correction,
        Correction.Status.WITHDRAWN,
        by=by,
        comment=_("Correction withdrawn"),
        withdrawn_at=timezone.now(),
        withdrawn_by=by if getattr(by, "is_authenticated", False) else None,
    )


@transaction.atomic
def correction_save(*, correction: Correction, by=None) -> Correction:
    """Save a correction as written on a form. A new one is published by an editor and
    proposed by a reporter; an existing one keeps its status (it moves only through
    correction_publish and correction_withdraw), and only editors change one readers saw."""
    if correction.pk is None:
        if _can_publish(by):
            return correction_add(
                article=correction.article,
                text=correction.text,
                published_at=correction.published_at,
                by=by,
            )
        return correction_propose(article=correction.article, text=correction.text, by=by)
    require(by, "articles.change_correction")
    stored = Correction.objects.select_for_update().get(pk=correction.pk)
    correction.status = stored.status
    if stored.status != Correction.Status.PROPOSED and not _can_publish(by):
        raise PermissionDenied(EDIT_REFUSED)
    with revision(by=by, comment=_("Correction changed")):
        _write(correction)
        if stored.status == Correction.Status.PUBLISHED:
            touch(correction.article)
        else:
            _story_moved(correction)
    return correction


@transaction.atomic
def correction_delete(*, correction: Correction, by=None) -> None:
    """Only a proposal readers never saw can be deleted."""
    require(by, "articles.delete_correction")
    stored = Correction.objects.filter(pk=correction.pk)
    if stored.exclude(status=Correction.Status.PROPOSED).exists():
        raise PermissionDenied(CORRECTION_DELETE_REFUSED)
    with revision(by=by, comment=_("Correction deleted")):
        _story_moved(correction)
        correction.delete()

"""Corrections appended to a story: readers see them, dated, under its text."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actors.models import Relationship
from articles.models import Article, Correction
from articles.services._rows import touch
from common.services import require, revision
from common.text import validate_storable_text


@transaction.atomic
def correction_add(
    *, article: Article, text: str, by=None, published_at: datetime | None = None
) -> Correction:
    """Append a correction; the story's modified date moves with it, and the relationships
    the story is evidence for are flagged for an editor to check again."""
    correction = Correction(article=article, text=text, published_at=published_at)
    return correction_save(correction=correction, by=by)


@transaction.atomic
def correction_save(*, correction: Correction, by=None) -> Correction:
    """Save a correction as written on a form: a new one is added as correction_add adds
    it (the admin goes on with this very object), an existing one is edited."""
    if correction.pk is not None:
        require(by, "articles.change_correction")
        validate_storable_text(correction)
        correction.full_clean()
        correction.save()
        return correction
    require(by, "articles.add_correction")
    article = correction.article
    with revision(by=by, comment=_("Correction added")):
        correction.published_at = correction.published_at or timezone.now()
        validate_storable_text(correction)
        correction.full_clean()
        correction.save()
        for relationship in Relationship.objects.filter(evidence=article, needs_review=False):
            relationship.needs_review = True
            relationship.save(update_fields=["needs_review", "updated_at"])
        touch(article)
    return correction


@transaction.atomic
def correction_delete(*, correction: Correction, by=None) -> None:
    require(by, "articles.delete_correction")
    correction.delete()

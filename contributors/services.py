"""Writes that touch contributors. A story's byline (which contributors sign it, in which
order) is the story's: articles.services.bylines."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.services import require, revision
from common.slugs import slug_keep_redirect
from common.text import validate_storable_text
from contributors.models import Contributor, ContributorRedirect


@transaction.atomic
def contributor_create(
    *, name: str, role: str = Contributor.Role.REPORTER, slug: str = "", by=None, **details
) -> Contributor:
    """A new contributor; ``details`` are its other fields (bio, portrait, user)."""
    require(by, "contributors.add_contributor")
    contributor = Contributor(name=name, role=role, slug=slug, **details)
    if not contributor.slug:
        # save() would derive it, but full_clean() runs first and needs it.
        contributor.slug = Contributor.objects.free_slug(name)
    with revision(by=by, comment=_("Created %(name)s") % {"name": name}):
        validate_storable_text(contributor)
        contributor.full_clean()
        contributor.save()
    return contributor


@transaction.atomic
def contributor_save(*, contributor: Contributor, by) -> Contributor:
    """Save a contributor as edited on its form (new or changed); a slug they leave keeps
    answering (301), so links to their page and its feeds keep working."""
    before = Contributor.objects.filter(pk=contributor.pk).values_list("slug", flat=True).first()
    require(
        by,
        "contributors.change_contributor" if before is not None else "contributors.add_contributor",
    )
    with revision(by=by, comment=_("Saved %(name)s") % {"name": contributor.name}):
        validate_storable_text(contributor)
        contributor.full_clean()
        contributor.save()
    if before and before != contributor.slug:
        slug_keep_redirect(
            ContributorRedirect.objects,
            "old_slug",
            old=before,
            new=contributor.slug,
            to={"contributor": contributor},
        )
    return contributor


def contributor_in_use_message(contributor: Contributor) -> str:
    """Why ``contributor`` cannot be deleted (empty when it can): asked before a delete."""
    signed = contributor.bylines.count()
    if not signed:
        return ""
    return ngettext(
        "%(name)s signs %(count)d story: take them off its byline first.",
        "%(name)s signs %(count)d stories: take them off their bylines first.",
        signed,
    ) % {"name": contributor.name, "count": signed}


@transaction.atomic
def contributor_delete(*, contributor: Contributor, by) -> None:
    """Delete a contributor who signs no story: a byline is part of the record, so one who
    signs stories is taken off them first (or kept)."""
    require(by, "contributors.delete_contributor")
    in_use = contributor_in_use_message(contributor)
    if in_use:
        raise ValidationError(in_use, code="contributor_signs")
    contributor.delete()

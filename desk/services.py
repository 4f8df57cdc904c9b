"""The desk's own writes: names dismissed from a story's suggestion panel, and restored.

Dismissing hides a suggestion on the desk only; readers see nothing of it, so it is not a
change to a live story (no proposal): whoever may change the story may dismiss."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from common.services import require
from common.text import validate_storable_text
from desk.models import DismissedName

STORY_PERMISSION = "articles.change_article"


@transaction.atomic
def dismissed_name_save(*, article, actor=None, name: str = "", by) -> DismissedName:
    """Dismiss ``actor`` or ``name`` (one of them) from ``article``'s panel; dismissing it
    again changes nothing."""
    require(by, STORY_PERMISSION)
    require(by, "desk.add_dismissedname")
    if (actor is None) == (not name.strip()):
        raise ValidationError(_("Dismiss either an actor or a name."), code="actor_or_name")
    dismissed = DismissedName(
        article=article,
        actor=actor,
        name=actor.name[:200] if actor is not None else " ".join(name.split()),
        name_folded="" if actor is not None else DismissedName.key(name),
        dismissed_by=by if getattr(by, "is_authenticated", False) else None,
    )
    if actor is None and not dismissed.name_folded:
        raise ValidationError({"name": _("This name has no letters or digits to dismiss.")})
    validate_storable_text(dismissed)
    # The uniqueness is checked by the database (two clicks at once), not by full_clean.
    dismissed.full_clean(validate_unique=False, validate_constraints=False)
    lookup = {"actor": actor} if actor is not None else {"name_folded": dismissed.name_folded}
    existing, _created = DismissedName.objects.get_or_create(
        article=article,
        **lookup,
        defaults={
            "name": dismissed.name,
            "name_folded": dismissed.name_folded,
            "dismissed_by": dismissed.dismissed_by,
        },
    )
    return existing


@transaction.atomic
def dismissed_name_delete(*, dismissed: DismissedName, by) -> None:
    """Restore a dismissed name: the panel offers it again."""
    require(by, STORY_PERMISSION)
    require(by, "desk.delete_dismissedname")
    dismissed.delete()

"""What the desk remembers for itself: names an editor dismissed from a story's panel."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.text import fold


class DismissedName(models.Model):
    """A suggestion the editors do not want to see again on this story: an actor the text
    names ("Actors named, not tagged") or a name that matches no actor. Desk-private: readers
    never see it, so a reporter may dismiss on a live story too."""

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="dismissed_names",
        verbose_name=_("story"),
    )
    # An actor is dismissed by id (its name may change); a name no actor matches, by its
    # folded form, as the panel folds the names it offers.
    actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    # Folding may lengthen a name ("ﬁ" → "fi"): room for that, within an index entry's size.
    name_folded = models.CharField(_("folded name"), max_length=400, blank=True)
    name = models.CharField(_("name"), max_length=200, help_text=_("As the panel showed it."))
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dismissed by"),
    )
    dismissed_at = models.DateTimeField(_("dismissed"), auto_now_add=True)

    class Meta:
        ordering = ["-dismissed_at", "-id"]
        verbose_name = _("dismissed name")
        verbose_name_plural = _("dismissed names")
        constraints = [
            models.CheckConstraint(
                condition=(Q(actor__isnull=True) & ~Q(name_folded=""))
                | (Q(actor__isnull=False) & Q(name_folded="")),
                name="dismissed_actor_or_name",
                violation_error_message=_("Dismiss either an actor or a name."),
            ),
            models.UniqueConstraint(
                fields=["article", "actor"],
                condition=Q(actor__isnull=False),
                name="dismissed_actor_once",
                violation_error_message=_("This actor is already dismissed for this story."),
            ),
            models.UniqueConstraint(
                fields=["article", "name_folded"],
                condition=Q(actor__isnull=True),
                name="dismissed_name_once",
                violation_error_message=_("This name is already dismissed for this story."),
            ),
        ]

    def __str__(self):
        return self.actor.name if self.actor_id else self.name

    @staticmethod
    def key(name: str) -> str:
        """The form a name no actor matches is dismissed, and looked up, by."""
        return fold(name)

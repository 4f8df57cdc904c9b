"""Who signs a story, in order: a story's byline."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from contributors.models import Contributor


class Byline(models.Model):
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="bylines",
        verbose_name=_("story"),
    )
    # PROTECT: a contributor who signs stories is taken off them before being deleted.
    contributor = models.ForeignKey(
        Contributor, on_delete=models.PROTECT, related_name="bylines", verbose_name=_("contributor")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "contributor"],
                name="byline_unique",
                violation_error_message=_("This contributor already signs this story."),
            ),
        ]
        # A contributor's page lists the stories they sign.
        indexes = [models.Index(fields=["contributor", "article"], name="byline_by_contributor")]

    def __str__(self):
        return str(self.contributor)

"""Corrections: public record once published."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CorrectionQuerySet(models.QuerySet):
    def public(self):
        """The corrections readers see. A proposed one waits for an editor; a withdrawn one
        stays in the admin and the history, never on the page."""
        return self.filter(status=Correction.Status.PUBLISHED)


class Correction(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        PUBLISHED = "published", _("published")
        WITHDRAWN = "withdrawn", _("withdrawn")

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="corrections",
        verbose_name=_("story"),
    )
    text = models.TextField(_("text"))
    # Published by default: rows written outside the services (imports, demo, corpus) are
    # corrections a newsroom already printed. The services set it (articles.services).
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED
    )
    published_at = models.DateTimeField(_("date"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )
    # The optimistic lock (editing.locking): bumped by every save through a form.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["published_at", "id"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        permissions = [("publish_correction", _("Can publish and withdraw corrections"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["proposed", "published", "withdrawn"]),
                name="correction_status_valid",
            ),
        ]

    def __str__(self):
        return self.text[:60]

"""A reporter's change to a live story, held until an editor approves or rejects it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeProposalQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ChangeProposal.Status.PENDING)


class ChangeProposal(models.Model):
    """The story form as the reporter submitted it: approving replays it as the editor, so
    every check of the form, the services and the lock applies then, not now."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="change_proposals",
        verbose_name=_("story"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    # The submitted form: {field name: [values]}, as request.POST.lists() gives it.
    data = models.JSONField(_("submitted form"), default=dict)
    # The language the form was filled in: its dates and numbers are read in it again.
    language = models.CharField(_("language"), max_length=10, blank=True)
    # The labels of what it changes, for lists and messages.
    changed = models.JSONField(_("changed fields"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = ChangeProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        indexes = [models.Index(fields=["article", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "approved", "rejected"]),
                name="changeproposal_status_valid",
            ),
        ]

    def __str__(self):
        return str(self.article)

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

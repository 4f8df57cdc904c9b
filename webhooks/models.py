"""Partners' webhook endpoints, and each delivery of an event to one of them."""

import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinLengthValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from webhooks.delivery import forbidden_address


class Event(models.TextChoices):
    PUBLISHED = "published", _("published")
    UPDATED = "updated", _("updated")
    UNPUBLISHED = "unpublished", _("unpublished")
    CORRECTED = "corrected", _("corrected")


def validate_events(value) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Choose at least one event."), code="events_empty")
    unknown = sorted(set(map(str, value)) - set(Event.values))
    if unknown:
        raise ValidationError(
            _("Unknown events: %(events)s. Known: %(known)s.")
            % {"events": ", ".join(unknown), "known": ", ".join(Event.values)},
            code="events_unknown",
        )


class WebhookEndpoint(models.Model):
    name = models.CharField(_("name"), max_length=120)
    url = models.URLField(
        _("URL"),
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Where the newsroom POSTs each event (HTTPS recommended)."),
    )
    events = models.JSONField(
        _("events"),
        default=list,
        validators=[validate_events],
        help_text=_("What the partner is told about."),
    )
    # Kept in clear: signing needs it. Never in the history (admin.py) nor shown again in
    # full after the add page. Empty on a save means "keep the stored one".
    secret = models.CharField(
        _("secret"),
        max_length=200,
        blank=True,
        editable=False,
        validators=[MinLengthValidator(16)],
    )
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The optimistic lock (editing.locking).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self):
        return self.name

    def clean(self):
        # What can be told without the network: the worker checks every address the host
        # resolves to before each try (webhooks.delivery).
        host = (urlsplit(self.url or "").hostname or "").lower()
        if settings.NEWSROOM_WEBHOOK_ALLOW_PRIVATE or not host:
            return
        try:
            local = host == "localhost" or host.endswith(".localhost") or forbidden_address(host)
        except ValueError:
            return  # a name, not an address
        if local:
            raise ValidationError(
                {
                    "url": _("The newsroom only calls public addresses, not %(host)s.")
                    % {"host": host}
                }
            )

    @property
    def secret_hint(self) -> str:
        """The secret as shown after the add page: its last four characters only."""
        return f"…{self.secret[-4:]}" if self.secret else "—"

    def subscribes_to(self, event: str) -> bool:
        return event in (self.events or [])


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        DELIVERED = "delivered", _("delivered")
        FAILED = "failed", _("failed")
        # A scheduled publication that did not happen at its time (unpublished, rescheduled).
        SUPERSEDED = "superseded", _("superseded")

    uuid = models.UUIDField(_("delivery id"), default=uuid.uuid4, unique=True, editable=False)
    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("endpoint"),
    )
    event = models.CharField(_("event"), max_length=20, choices=Event.choices)
    story_uuid = models.UUIDField(_("story"))
    # The exact JSON signed and sent. Empty until due for a scheduled publication, so that
    # nothing of a story that is not public yet is written into a payload.
    body = models.TextField(_("body"), blank=True)
    # For a scheduled publication: the time it was queued for (a reschedule supersedes it).
    scheduled_for = models.DateTimeField(_("scheduled for"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_status_code = models.PositiveIntegerField(_("last status code"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [
            models.Index(fields=["story_uuid", "status"]),
            models.Index(fields=["status", "-created_at"]),
        ]

    def __str__(self):
        return f"{self.get_event_display()} → {self.endpoint_id} ({self.uuid})"

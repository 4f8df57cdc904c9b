"""API keys: what a partner sends to read more than readers see.

A key is random (``nr_`` + 32 random bytes, URL-safe): only its SHA-256 is stored, which is
enough for a secret of that entropy (no slow password hash: it is checked on every request),
and its first characters (``prefix``), which lists show so that a person can recognise it.
The raw key is shown once, when it is made. A key is revoked, never deleted: its row keeps
the record of who made it and when it was last used.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KEY_PREFIX = "nr_"
PREFIX_LENGTH = 8


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "replace")).hexdigest()


def new_raw_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


class ApiKeyQuerySet(models.QuerySet):
    def owned_by(self, user):
        """The keys ``user`` may see in the admin: superusers all, others their own."""
        return self if user.is_superuser else self.filter(owner=user)

    def matching(self, raw: str):
        """The key whose hash is the hash of ``raw`` (one index look-up)."""
        return self.filter(hash=digest(raw))


class ApiKey(models.Model):
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("Who or what uses it, for example “Partner site” or “Newsletter tool”."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_keys",
        verbose_name=_("owner"),
        help_text=_("The key reads what its owner may read: drafts only with the export right."),
    )
    prefix = models.CharField(_("prefix"), max_length=PREFIX_LENGTH, editable=False)
    hash = models.CharField(_("hash"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(
        _("expires"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a key that lasts until it is revoked."),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    # The optimistic lock (editing.locking): bumped by every save through a form.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def set_raw(self, raw: str) -> None:
        self.prefix = raw[:PREFIX_LENGTH]
        self.hash = digest(raw)

    def matches(self, raw: str) -> bool:
        # Constant time, although the look-up by hash already found it: a cheap guard
        # against any future look-up that would compare prefixes.
        return hmac.compare_digest(self.hash, digest(raw))

    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def is_expired(self, now=None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())

    def is_active(self) -> bool:
        return not self.is_revoked() and not self.is_expired()

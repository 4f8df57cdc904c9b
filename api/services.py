"""Writes that touch API keys: made (the raw key is returned once, never stored), renamed or
given another expiry, revoked. Staff manage their own keys; only superusers manage anyone's."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import ApiKey, new_raw_key
from common.services import require, revision
from common.text import validate_storable_text


def _require_owner(by, key_owner) -> None:
    """Staff act on their own keys; superusers (and scripts, ``by=None``) on anyone's."""
    if by is None or by.is_superuser:
        return
    if key_owner is None or key_owner.pk != by.pk:
        raise PermissionDenied(_("You may only manage your own API keys."))


def _check_expiry(key: ApiKey) -> None:
    if key.expires_at is not None and key.expires_at <= timezone.now():
        raise ValidationError(
            {"expires_at": _("The expiry date is in the past: choose a later one or none.")},
            code="expired",
        )


@transaction.atomic
def apikey_create(*, by, name: str, owner=None, expires_at=None) -> tuple[ApiKey, str]:
    """A new key for ``owner`` (``by`` when not given): the row and the raw key, which is
    shown to its owner once and cannot be found again."""
    require(by, "api.add_apikey")
    owner = owner if owner is not None else by
    if owner is None or not getattr(owner, "is_authenticated", False):
        raise ValidationError({"owner": _("A key needs an owner: the person responsible.")})
    _require_owner(by, owner)
    raw = new_raw_key()
    key = ApiKey(name=name, owner=owner, expires_at=expires_at)
    key.set_raw(raw)
    with revision(by=by, comment=_("Created the API key %(name)s") % {"name": name}):
        validate_storable_text(key)
        key.full_clean()
        _check_expiry(key)
        key.save()
    return key, raw


@transaction.atomic
def apikey_save(*, by, apikey: ApiKey) -> ApiKey:
    """Save a key's name and expiry as edited on its form (its secret never changes)."""
    require(by, "api.change_apikey")
    stored = ApiKey.objects.select_related("owner").get(pk=apikey.pk)
    _require_owner(by, stored.owner)
    if stored.is_revoked():
        raise ValidationError(_("This key is revoked: it can no longer be changed."))
    # Only what the form may change: the owner, the secret and the dates stay as stored.
    apikey.owner, apikey.prefix, apikey.hash = stored.owner, stored.prefix, stored.hash
    apikey.revoked_at, apikey.last_used_at = stored.revoked_at, stored.last_used_at
    with revision(by=by, comment=_("Saved the API key %(name)s") % {"name": apikey.name}):
        validate_storable_text(apikey)
        apikey.full_clean()
        if apikey.expires_at != stored.expires_at:
            _check_expiry(apikey)
        apikey.save()
    return apikey


@transaction.atomic
def apikey_revoke(*, by, key: ApiKey) -> bool:
    """Revoke ``key`` at once: every request carrying it is refused from now on. False when it
    was already revoked (nothing changes)."""
    require(by, "api.change_apikey")
    stored = ApiKey.objects.select_for_update().select_related("owner").get(pk=key.pk)
    _require_owner(by, stored.owner)
    if stored.is_revoked():
        key.revoked_at = stored.revoked_at
        return False
    with revision(by=by, comment=_("Revoked the API key %(name)s") % {"name": stored.name}):
        # The row is locked; the version moves, so a form loaded before the revocation
        # cannot save over it.
        stored.revoked_at, stored.version = timezone.now(), stored.version + 1
        stored.save(update_fields=["revoked_at", "version"])
    key.revoked_at, key.version = stored.revoked_at, stored.version
    return True

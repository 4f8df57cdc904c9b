"""The role matrix's cases (run by test_service_matrix.py), continued for API keys: editors
and export staff make, change and revoke their own keys (superusers anyone's); reporters
have none. Who may act on someone else's key is in tests/api/test_keys.py."""

from api import services as api
from tests.factories import UserFactory
from tests.security.service_cases import Case

KEY_HOLDERS = {"editor", "export_staff", "superuser"}


def _own(by):
    """A key of ``by``'s own (made as a script: the case checks the service under test)."""
    owner = by if getattr(by, "is_authenticated", False) else UserFactory()
    return api.apikey_create(by=None, name="Clé du partenaire", owner=owner)[0]


def _create(by):
    owner = None if getattr(by, "is_authenticated", False) else UserFactory()
    api.apikey_create(by=by, name="Site partenaire", owner=owner)


def _renamed(by):
    key = _own(by)
    key.name = "Lettre d'information"
    api.apikey_save(by=by, apikey=key)


SERVICES: dict[str, Case] = {
    "apikey_create": Case(KEY_HOLDERS, _create),
    "apikey_save": Case(KEY_HOLDERS, _renamed),
    "apikey_revoke": Case(KEY_HOLDERS, lambda by: api.apikey_revoke(by=by, key=_own(by))),
}

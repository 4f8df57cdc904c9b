"""API keys: made by a service that returns the raw key once and stores only its hash, sent
as a bearer token or an X-API-Key header, refused by name when unknown, revoked or expired,
and widening what a caller reads only while its owner holds the export permission."""

import datetime as dt
import hashlib

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import OperationalError, connection
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from api import access, keys
from api.models import ApiKey
from api.services import apikey_create, apikey_revoke, apikey_save

pytestmark = pytest.mark.django_db

URL = "/api/v1/sections/"


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # Every request reaches the API: what is checked here is the key, not a stored copy.
    settings.NEWSROOM_PAGE_CACHE = False


def bearer(raw: str) -> dict:
    return {"Authorization": f"Bearer {raw}"}


def authenticated(raw: str | None = None, *, header: str = "Authorization"):
    """A request as the API's auth list sees it, after that list ran."""
    headers = {}
    if raw is not None:
        headers = bearer(raw) if header == "Authorization" else {"X-API-Key": raw}
    request = RequestFactory().get(URL, headers=headers)
    for callback in keys.AUTH:
        result = callback(request)
        if result:
            request.auth = result
            return request
    raise AssertionError("no callback accepted the request")


# The key itself -----------------------------------------------------------------------------


def test_a_new_key_is_random_recognisable_and_stored_only_as_its_hash(export_staff):
    key, raw = apikey_create(by=export_staff, name="Site partenaire")
    other, other_raw = apikey_create(by=export_staff, name="Lettre d'information")
    assert raw.startswith("nr_") and len(raw) > 40
    assert raw != other_raw
    stored = ApiKey.objects.get(pk=key.pk)
    assert stored.owner == export_staff
    assert stored.prefix == raw[:8]
    assert stored.hash == hashlib.sha256(raw.encode()).hexdigest()
    # Nothing stored holds the key itself.
    row = ApiKey.objects.filter(pk=key.pk).values().get()
    assert not any(raw in str(value) for value in row.values())


def test_making_a_key_is_recorded_in_its_history_without_its_hash(editor):
    key, _raw = apikey_create(by=editor, name="Appli mobile")
    apikey_revoke(by=editor, key=key)
    versions = Version.objects.get_for_object(key)
    assert [v.revision.get_comment() for v in versions] == [
        "Revoked the API key Appli mobile",
        "Created the API key Appli mobile",
    ]
    assert all(v.revision.user == editor for v in versions)
    assert not any(key.hash in v.serialized_data for v in versions)


def test_only_superusers_make_keys_for_someone_else(editor, export_staff, superuser):
    with pytest.raises(PermissionDenied):
        apikey_create(by=editor, name="Pour un autre", owner=export_staff)
    key, _raw = apikey_create(by=superuser, name="Pour l'export", owner=export_staff)
    assert key.owner == export_staff


def test_reporters_make_no_keys(reporter):
    with pytest.raises(PermissionDenied):
        apikey_create(by=reporter, name="Clé")


def test_staff_revoke_only_their_own_keys(editor, export_staff, superuser):
    key, _raw = apikey_create(by=export_staff, name="Clé d'export")
    with pytest.raises(PermissionDenied):
        apikey_revoke(by=editor, key=key)
    assert apikey_revoke(by=superuser, key=key) is True
    assert apikey_revoke(by=superuser, key=key) is False  # already revoked: nothing moves
    assert ApiKey.objects.get(pk=key.pk).revoked_at is not None


def test_an_expiry_in_the_past_is_refused_by_name(editor):
    with pytest.raises(ValidationError) as refused:
        apikey_create(by=editor, name="Périmée", expires_at=timezone.now() - dt.timedelta(days=1))
    assert "expires_at" in refused.value.message_dict


def test_saving_a_key_keeps_its_secret_and_owner(editor, export_staff):
    key, raw = apikey_create(by=editor, name="Ancien nom")
    key.name, key.hash, key.owner = "Nouveau nom", "0" * 64, export_staff
    apikey_save(by=editor, apikey=key)
    stored = ApiKey.objects.get(pk=key.pk)
    assert (stored.name, stored.owner) == ("Nouveau nom", editor)
    assert stored.matches(raw)


def test_a_revoked_key_can_no_longer_be_changed(editor):
    key, _raw = apikey_create(by=editor, name="Révoquée")
    apikey_revoke(by=editor, key=key)
    key.name = "Ressuscitée"
    with pytest.raises(ValidationError):
        apikey_save(by=editor, apikey=key)


# Sending it ---------------------------------------------------------------------------------


@pytest.mark.parametrize("header", ["Authorization", "X-API-Key"])
def test_a_valid_key_is_accepted_in_either_header(client, editor, header):
    key, raw = apikey_create(by=editor, name="Partenaire")
    headers = bearer(raw) if header == "Authorization" else {"X-API-Key": raw}
    response = client.get(URL, headers=headers)
    assert response.status_code == 200
    assert ApiKey.objects.get(pk=key.pk).last_used_at is not None


def test_no_key_at_all_is_an_anonymous_reader(client, db):
    assert client.get(URL).status_code == 200


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("unknown", "Unknown API key"),
        ("revoked", "revoked"),
        ("expired", "expired"),
        ("empty", "empty"),
        ("basic", "Authorization: Bearer <key>"),
        ("inactive owner", "no longer has an account"),
        ("hostile", "Unknown API key"),
    ],
)
def test_a_bad_key_is_a_401_naming_the_problem(client, english, export_staff, case, message):
    key, raw = apikey_create(by=export_staff, name="Clé")
    headers = bearer(raw)
    if case == "unknown":
        headers = bearer("nr_" + "x" * 43)
    elif case == "revoked":
        apikey_revoke(by=export_staff, key=key)
    elif case == "expired":
        ApiKey.objects.filter(pk=key.pk).update(expires_at=timezone.now() - dt.timedelta(1))
    elif case == "empty":
        headers = {"X-API-Key": ""}
    elif case == "basic":
        headers = {"Authorization": "Basic dXNlcjpwYXNz"}
    elif case == "hostile":
        headers = {"X-API-Key": "nr_\x00é' OR 1=1 --" + "é" * 4000}
    elif case == "inactive owner":
        type(export_staff).objects.filter(pk=export_staff.pk).update(is_active=False)
    response = client.get(URL, headers=headers)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert message in response.json()["detail"]
    assert "private" in response["Cache-Control"]


def test_the_openapi_document_describes_both_ways_of_sending_a_key(client, db):
    document = client.get("/api/v1/openapi.json").json()
    schemes = document["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"}.items() <= schemes["BearerKey"].items()
    assert schemes["HeaderKey"] == {"type": "apiKey", "in": "header", "name": "X-API-Key"}
    # Either key, or none at all (an anonymous reader), on every operation.
    for path, operations in document["paths"].items():
        for operation in operations.values():
            assert {"BearerKey": []} in operation["security"], path
            assert {"HeaderKey": []} in operation["security"], path
            assert {} in operation["security"], path


# What it opens ------------------------------------------------------------------------------


def test_only_a_key_whose_owner_may_export_reads_unpublished_stories(
    editor, export_staff, superuser
):
    _key, editors = apikey_create(by=editor, name="Éditeur")
    _key, exporters = apikey_create(by=export_staff, name="Export")
    _key, roots = apikey_create(by=superuser, name="Racine")
    assert not access.can_read_unpublished(authenticated())
    assert not access.can_read_unpublished(authenticated(editors))
    assert access.can_read_unpublished(authenticated(exporters))
    assert access.can_read_unpublished(authenticated(exporters, header="X-API-Key"))
    assert access.can_read_unpublished(authenticated(roots))


def test_a_permission_taken_away_applies_to_the_next_request(export_staff):
    _key, raw = apikey_create(by=export_staff, name="Export")
    assert access.can_read_unpublished(authenticated(raw))
    export_staff.groups.clear()
    export_staff.user_permissions.remove(*Permission.objects.filter(codename="export_article"))
    assert not access.can_read_unpublished(authenticated(raw))


def test_last_use_is_stamped_at_most_once_a_minute(export_staff):
    key, raw = apikey_create(by=export_staff, name="Export")
    authenticated(raw)
    first = ApiKey.objects.get(pk=key.pk).last_used_at
    assert first is not None
    authenticated(raw)
    assert ApiKey.objects.get(pk=key.pk).last_used_at == first
    earlier = timezone.now() - dt.timedelta(minutes=2)
    ApiKey.objects.filter(pk=key.pk).update(last_used_at=earlier)
    authenticated(raw)
    assert ApiKey.objects.get(pk=key.pk).last_used_at > earlier


def test_the_admin_lists_a_key_by_its_prefix_never_its_hash(client, export_staff):
    key, raw = apikey_create(by=export_staff, name="Export")
    client.force_login(export_staff)
    listing = client.get(reverse("admin:api_apikey_changelist")).content.decode()
    page = client.get(reverse("admin:api_apikey_change", args=[key.pk])).content.decode()
    for text in (listing, page):
        assert key.prefix in text
        assert key.hash not in text and raw not in text


# serialized_rollback: the flush after this test leaves the content types and permissions
# for the next test that restores them (as tests/bench/test_corpus.py's does), instead of
# making them again under new ids that such a test's restore would then collide with.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_stamping_the_last_use_never_waits_for_a_lock(export_staff, monkeypatch):
    """Outside a transaction (as in production) the stamp runs without waiting for SQLite's
    write lock, whose usual wait is restored after; a stamp refused by a busy database is
    skipped and the request goes on."""
    key, raw = apikey_create(by=export_staff, name="Export")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout")
            (waits,) = cursor.fetchone()
    authenticated(raw)
    assert ApiKey.objects.get(pk=key.pk).last_used_at is not None
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone() == (waits,)

    def busy(*args, **kwargs):
        raise OperationalError("database is locked")

    ApiKey.objects.filter(pk=key.pk).update(last_used_at=None)
    monkeypatch.setattr("django.db.models.query.QuerySet.update", busy)
    request = authenticated(raw)
    assert request.api_key == key
    monkeypatch.undo()
    assert ApiKey.objects.get(pk=key.pk).last_used_at is None

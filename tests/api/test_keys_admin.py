"""API keys in the admin: the raw key is shown once, on the answer to the add form, and is
never stored (not even in a message cookie) nor shown again; a key is revoked from its page
or from the list; staff see only their own keys; a form loaded before a change cannot save
over it."""

import pytest
from django.urls import reverse

from api.models import ApiKey, digest
from api.services import apikey_create, apikey_revoke

pytestmark = pytest.mark.django_db

ADD = reverse("admin:api_apikey_add")
LIST = reverse("admin:api_apikey_changelist")


def change_url(key) -> str:
    return reverse("admin:api_apikey_change", args=[key.pk])


def form_of(client, key) -> dict:
    """The change form's values as loaded (the lock's version and digest included)."""
    form = client.get(change_url(key)).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.pop("revoke")
    return data


def test_the_raw_key_is_shown_once_and_never_stored(client, english, export_staff):
    client.force_login(export_staff)
    answer = client.post(ADD, {"name": "Site partenaire", "expires_at_0": "", "expires_at_1": ""})
    assert answer.status_code == 200
    key = ApiKey.objects.get(name="Site partenaire")
    assert key.owner == export_staff
    text = answer.content.decode()
    raw = next(
        word
        for word in text.replace("<", " ").replace(">", " ").split()
        if word.startswith("nr_") and len(word) > 40
    )
    assert digest(raw) == key.hash
    assert "Copy it now: it will not be shown again." in text
    # Nothing kept it for later: no message cookie, no page shows it again.
    assert raw not in str(answer.cookies)
    assert raw not in client.get(change_url(key)).content.decode()
    assert raw not in client.get(LIST).content.decode()
    assert key.hash not in text


def test_staff_make_keys_for_themselves_only(client, editor, export_staff):
    client.force_login(editor)
    page = client.get(ADD).content.decode()
    assert 'name="owner"' not in page
    client.post(ADD, {"name": "À moi", "owner": export_staff.pk})
    assert ApiKey.objects.get(name="À moi").owner == editor


def test_superusers_make_keys_for_anyone(client, superuser, export_staff):
    client.force_login(superuser)
    client.post(ADD, {"name": "Pour l'export", "owner": export_staff.pk})
    assert ApiKey.objects.get(name="Pour l'export").owner == export_staff


def test_a_key_is_revoked_from_its_page(client, english, export_staff):
    key, _raw = apikey_create(by=export_staff, name="Clé")
    client.force_login(export_staff)
    response = client.post(change_url(key), {**form_of(client, key), "revoke": "on"})
    assert response.status_code == 302
    key.refresh_from_db()
    assert key.revoked_at is not None
    page = client.get(change_url(key)).content.decode()
    assert "revoked" in page and 'name="revoke"' not in page


def test_keys_are_revoked_from_the_list(client, english, editor):
    first, _ = apikey_create(by=editor, name="Une")
    second, _ = apikey_create(by=editor, name="Deux")
    client.force_login(editor)
    response = client.post(
        LIST,
        {"action": "revoke_selected", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )
    assert "2 keys revoked." in response.content.decode()
    assert not ApiKey.objects.filter(revoked_at=None).exists()


def test_staff_see_only_their_own_keys(client, editor, export_staff, superuser):
    mine, _ = apikey_create(by=editor, name="La mienne")
    theirs, _ = apikey_create(by=export_staff, name="La leur")
    client.force_login(editor)
    listing = client.get(LIST).content.decode()
    assert "La mienne" in listing and "La leur" not in listing
    assert client.get(change_url(theirs)).status_code == 302  # "does not exist"
    client.force_login(superuser)
    listing = client.get(LIST).content.decode()
    assert "La mienne" in listing and "La leur" in listing


def test_a_form_loaded_before_a_revocation_cannot_save_over_it(client, english, editor):
    key, _raw = apikey_create(by=editor, name="Avant")
    client.force_login(editor)
    loaded = form_of(client, key)
    apikey_revoke(by=editor, key=key)
    response = client.post(change_url(key), {**loaded, "name": "Après"})
    assert response.status_code == 403  # a revoked key is shown, never changed
    key.refresh_from_db()
    assert key.name == "Avant"


def test_a_stale_form_names_the_conflict(client, english, editor):
    key, _raw = apikey_create(by=editor, name="Avant")
    client.force_login(editor)
    loaded = form_of(client, key)
    fresh = form_of(client, key)
    client.post(change_url(key), {**fresh, "name": "Dans un autre onglet"})
    response = client.post(change_url(key), {**loaded, "name": "Ici"})
    assert response.status_code == 200
    assert "You saved this in another window or tab" in response.content.decode()
    key.refresh_from_db()
    assert key.name == "Dans un autre onglet"


def test_nobody_deletes_a_key(client, superuser):
    key, _raw = apikey_create(by=superuser, name="Gardée")
    client.force_login(superuser)
    assert client.get(reverse("admin:api_apikey_delete", args=[key.pk])).status_code == 403

"""Every admin page of a row, asked with an id that cannot be a row's: never a server error."""

import pytest
from django.contrib import admin

pytestmark = pytest.mark.django_db

IDS = ["abc", "1.5", "99999999999999999999999"]
PAGES = ["change", "delete", "history"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", ["superuser", "reporter"])
def test_impossible_ids_on_every_admin_model_are_answered_cleanly(client, role, page, request):
    client.force_login(request.getfixturevalue(role))
    client.raise_request_exception = False
    for model in admin.site._registry:
        for value in IDS:
            url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/{value}/{page}/"
            response = client.get(url)
            assert response.status_code in (302, 403, 404), (url, response.status_code)

"""Filters no date can hold get a message naming them, never a 500."""

import pytest
from django.db import connection

from tests.factories import ArticleFactory, CorrectionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.mark.parametrize(
    "url",
    [
        "/admin/articles/article/?publish_at__lt=0001-01-01",
        "/admin/articles/article/?publish_at__year=99999",
        "/admin/articles/correction/?published_at__lt=0001-01-01",
    ],
)
def test_an_admin_list_filtered_beyond_the_calendar_says_so(client, superuser, url):
    ArticleFactory(title="Toujours là")
    CorrectionFactory()
    client.force_login(superuser)
    client.raise_request_exception = False
    response = client.get(url)
    if response.status_code == 200:  # PostgreSQL holds the year 1: the filter simply applies
        assert connection.vendor == "postgresql", "SQLite cannot hold such a date: say so"
        return
    assert response.status_code == 302, response.status_code
    path, names = url.split("?")
    assert response["Location"] == path
    shown = client.get(response["Location"])
    said = " ".join(str(m) for m in shown.context["messages"])
    assert names.split("=")[0] in said and "outside the calendar" in said

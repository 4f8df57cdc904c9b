"""Query counting shared by the tests that guard bounded queries per page."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def counts_for(client, url, make_row):
    """Queries for the page with one row, then with thirty."""
    make_row(0)
    client.get(url)  # warm per-process caches (content types, permissions)
    one = query_count(client, url)
    for n in range(1, 30):
        make_row(n)
    thirty = query_count(client, url)
    return one, thirty

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.exports.conftest import ninjs_lines
from tests.factories import ArticleFactory

PAGE = reverse("exports:stories")


def download(response) -> str:
    assert response.status_code == 200, response.content[:500]
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.fixture
def stories(db):
    ArticleFactory(slug="espace-1", tags=["espace"])
    ArticleFactory(slug="espace-2", tags=["espace"])
    ArticleFactory(slug="autre", tags=["tech"])
    ArticleFactory(slug="brouillon", tags=["espace"], status=Article.Status.DRAFT)


def test_anonymous_visitors_are_sent_to_the_login_page(client, stories):
    response = client.get(PAGE, {"format": "csv"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_staff_without_the_export_permission_get_403(client, stories, role, request):
    client.force_login(request.getfixturevalue(role))
    assert client.get(PAGE).status_code == 403
    assert client.get(PAGE, {"format": "jsonl"}).status_code == 403


@pytest.mark.parametrize("role", ["export_staff", "superuser"])
def test_export_staff_and_superusers_get_the_form(client, stories, role, request):
    client.force_login(request.getfixturevalue(role))
    response = client.get(PAGE)
    assert response.status_code == 200
    assert b'<form method="get"' in response.content
    assert b'name="tag"' in response.content


def test_download_is_streamed_with_a_dated_filtered_file_name(client, stories, export_staff):
    client.force_login(export_staff)
    response = client.get(PAGE, {"format": "jsonl", "tag": "espace"})
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="stories-{today}-tag-espace.jsonl"'
    )
    assert response["Content-Type"].startswith("application/x-ndjson")
    assert "no-store" in response["Cache-Control"]
    slugs = {json.loads(line)["slug"] for line in download(response).splitlines()}
    assert slugs == {"espace-1", "espace-2"}


def test_drafts_only_when_asked_for(client, stories, export_staff):
    client.force_login(export_staff)
    response = client.get(PAGE, {"format": "csv", "tag": "espace", "status": "draft"})
    assert "status-draft" not in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(download(response))))
    assert [row["status"] for row in rows] == ["draft"]


def test_csv_with_bom_and_ninjs_download(client, stories, superuser):
    client.force_login(superuser)
    text = download(client.get(PAGE, {"format": "csv", "bom": "on"}))
    assert text.startswith("\ufeffuuid,")
    response = client.get(PAGE, {"format": "ninjs", "tag": "espace"})
    assert response["Content-Disposition"].endswith('tag-espace.ninjs.jsonl"')
    assert len(ninjs_lines(download(response))) == 2


@pytest.mark.parametrize(
    "query, message",
    [
        ({"format": "csv", "tag": "nope"}, 'Unknown tag: "nope".'),
        ({"format": "csv", "since": "2024-02-30"}, 'Malformed date "2024-02-30"'),
        ({"format": "csv", "status": "live"}, 'Unknown status: "live".'),
        ({"format": "xml"}, "xml"),
    ],
)
def test_bad_filter_values_get_400_naming_the_value(client, stories, export_staff, query, message):
    client.force_login(export_staff)
    response = client.get(PAGE, query)
    assert response.status_code == 400
    assert message in response.content.decode().replace("&quot;", '"')
    assert not response.streaming


def test_no_match_says_so_instead_of_an_empty_file(client, stories, export_staff):
    client.force_login(export_staff)
    response = client.get(PAGE, {"format": "csv", "tag": "tech", "language": "en"})
    assert response.status_code == 200
    assert not response.streaming
    assert "No story matches these filters." in response.content.decode()


def test_download_queries_do_not_grow_with_the_stories(client, export_staff, db):
    client.force_login(export_staff)
    for n in range(3):
        ArticleFactory(tags=["espace"], slug=f"s-{n}")
    client.get(PAGE)  # warm per-process caches

    def queries():
        with CaptureQueriesContext(connection) as captured:
            download(client.get(PAGE, {"format": "jsonl", "tag": "espace"}))
        return len(captured)

    few = queries()
    for n in range(3, 30):
        ArticleFactory(tags=["espace"], slug=f"s-{n}")
    assert queries() == few

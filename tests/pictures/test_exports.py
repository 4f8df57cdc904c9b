"""A story's lead image in every export, and imports that find it again in the library."""

import csv
import io
import json

import pytest

from articles.models import Article
from exports.imports import stories_import
from exports.services import stories_export
from tests.exports.conftest import BASE_URL, ninjs_lines
from tests.exports.test_imports import wipe
from tests.factories import ArticleFactory, RelatedArticleFactory
from tests.pictures.images import make_picture

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.NEWSROOM_BASE_URL = BASE_URL


@pytest.fixture
def story():
    picture = make_picture(source="Agence Exemple")
    article = ArticleFactory(slug="fusee", lead_image=picture)
    RelatedArticleFactory(from_article=article, to_article=ArticleFactory(slug="autre"))
    return article


def export(fmt: str) -> str:
    out = io.StringIO()
    stories_export(queryset=Article.objects.all(), fmt=fmt, out=out, public_only=False)
    return out.getvalue()


def test_csv_gives_the_lead_image_url(story):
    rows = {row["uuid"]: row for row in csv.DictReader(io.StringIO(export("csv")))}
    url = rows[str(story.uuid)]["lead_image"]
    assert url == f"{BASE_URL}{story.lead_image.file.url}"
    assert rows[str(story.related.get().uuid)]["lead_image"] == ""


def test_json_lines_carry_the_whole_picture_record(story):
    records = {r["uuid"]: r for r in map(json.loads, export("jsonl").splitlines())}
    image = records[str(story.uuid)]["lead_image"]
    picture = story.lead_image
    assert image["uuid"] == str(picture.uuid)
    assert image["content_hash"] == picture.content_hash
    assert (image["alt_text"], image["caption"], image["credit"], image["source"]) == (
        picture.alt_text,
        "La fusée avant son lancement.",
        "Photo : Rédaction",
        "Agence Exemple",
    )
    assert (image["width"], image["height"], image["media_type"]) == (1600, 1000, "image/jpeg")
    names = [r["name"] for r in image["renditions"]]
    assert names == ["w240", "w480", "w800", "social", "w1200"]
    assert all(r["url"].startswith(f"{BASE_URL}/media/pictures/") for r in image["renditions"])
    assert records[str(story.related.get().uuid)]["lead_image"] is None


def test_ninjs_lists_the_lead_image_as_a_picture_association_with_renditions(story):
    documents = {d["uri"]: d for d in ninjs_lines(export("ninjs"))}  # schema-validated
    doc = documents[f"urn:uuid:{story.uuid}"]
    picture, related = doc["associations"]
    assert related["type"] == "text"
    assert picture["type"] == "picture" and picture["rel"] == "featuremedia"
    assert picture["uri"] == f"urn:uuid:{story.lead_image.uuid}"
    assert picture["by"] == "Photo : Rédaction"
    assert {"role": "alt", "contentType": "text/plain", "value": story.lead_image.alt_text} in (
        picture["descriptions"]
    )
    social = next(r for r in picture["renditions"] if r["name"] == "social")
    assert (social["width"], social["height"], social["contentType"]) == (1200, 630, "image/jpeg")
    assert social["sizeInBytes"] == story.lead_image.social.size


@pytest.mark.parametrize("fmt", ["jsonl", "ninjs"])
def test_a_round_trip_finds_the_picture_in_the_library_again(story, fmt):
    first = export(fmt)
    wipe()  # stories go; the picture library stays
    report = stories_import(lines=io.StringIO(first))
    assert not report.warnings
    assert Article.objects.get(slug="fusee").lead_image == story.lead_image
    assert export(fmt) == first


def test_importing_a_story_whose_picture_is_not_in_the_library_warns_and_goes_on(story):
    record = json.loads(export("jsonl").splitlines()[0])
    record["lead_image"]["uuid"] = "4b5b1b1e-0000-4000-8000-000000000000"
    record["lead_image"]["content_hash"] = "0" * 64
    wipe()
    report = stories_import(lines=[json.dumps(record)])
    assert "is not in the library" in report.warnings[0]
    assert Article.objects.get(uuid=record["uuid"]).lead_image is None

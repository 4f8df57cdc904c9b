"""Re-importing an export never deletes or rewrites a correction: they are public record."""

import io
import json

import pytest

from articles.models import Article, Correction
from exports.imports import stories_import
from exports.services import stories_export
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

Status = Correction.Status


def export_of(story) -> str:
    out = io.StringIO()
    stories_export(
        queryset=Article.objects.filter(pk=story.pk), fmt="jsonl", out=out, public_only=False
    )
    return out.getvalue()


def load(text: str):
    return stories_import(lines=text.splitlines(keepends=True))


def standing(story) -> dict[str, str]:
    return dict(story.corrections.values_list("text", "status"))


def test_an_older_export_brings_nothing_back_and_takes_nothing_away():
    story = ArticleFactory(title="Fusée", status=Article.Status.PUBLISHED)
    Correction.objects.create(article=story, text="Printed first.")
    Correction.objects.create(article=story, text="Withdrawn later.")
    old_file = export_of(story)
    # Since the export: one correction withdrawn, one published, one proposed.
    Correction.objects.filter(text="Withdrawn later.").update(status=Status.WITHDRAWN)
    Correction.objects.create(article=story, text="Printed after the export.")
    Correction.objects.create(article=story, text="A reporter's proposal.", status=Status.PROPOSED)
    before = standing(story)

    load(old_file)

    assert standing(story) == before


def test_an_import_adds_the_corrections_a_story_lacks_as_printed():
    story = ArticleFactory(title="Fusée", status=Article.Status.PUBLISHED)
    Correction.objects.create(article=story, text="Printed first.")
    [record] = [json.loads(line) for line in export_of(story).splitlines()]
    record["corrections"].append({"text": "From the partner.", "published_at": None})

    load(json.dumps(record) + "\n")

    assert standing(story) == {
        "Printed first.": Status.PUBLISHED,
        "From the partner.": Status.PUBLISHED,
    }

"""One rule of "public": the reader pages, the story itself, exports and the reader cache agree.

Each kind of story is asked the same question everywhere a reader could meet it: is it in
``published()`` (every reader page), does it say ``is_public`` (pages that hold it), is it
"usable" in its own ninjs export and linked from another story's, and does saving it replace
the reader cache's generation.
"""

import json

import pytest
from django.utils import timezone

from articles.models import Article
from common import generation
from exports.services import stories_export_text
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)
HOUR = timezone.timedelta(hours=1)
KINDS = {
    "draft": (Article.Status.DRAFT, None),
    "review": (Article.Status.REVIEW, None),
    "scheduled": (Article.Status.PUBLISHED, NOW + HOUR),
    "published-past": (Article.Status.PUBLISHED, NOW - 24 * HOUR),
    "published-now": (Article.Status.PUBLISHED, NOW),
}
PUBLIC = {"published-past", "published-now"}


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def story(kind: str) -> Article:
    status, publish_at = KINDS[kind]
    return ArticleFactory(title=f"Story {kind}", status=status, publish_at=publish_at)


def ninjs(article: Article) -> dict:
    text = "".join(stories_export_text(queryset=Article.objects.filter(pk=article.pk), fmt="ninjs"))
    return json.loads(text)


@pytest.mark.parametrize("kind", KINDS)
def test_readers_pages_the_story_and_exports_agree_on_public(kind):
    article = story(kind)
    linking = ArticleFactory(title="Linking")
    linking.related.add(article)
    public = kind in PUBLIC

    assert Article.objects.published().filter(pk=article.pk).exists() is public
    assert Article.objects.get(pk=article.pk).is_public is public
    assert (ninjs(article)["pubStatus"] == "usable") is public
    linked = [item["name"] for item in ninjs(linking).get("associations", [])]
    assert (article.title in linked) is public


@pytest.mark.parametrize("kind", KINDS)
def test_saving_a_story_readers_see_now_or_later_replaces_the_cache(
    kind, django_capture_on_commit_callbacks
):
    article = story(kind)
    before = generation.generation()
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Edited"
        article.save()
    # A scheduled story counts too: moving it moves when cached pages must give way.
    assert (generation.generation() != before) is (kind in PUBLIC or kind == "scheduled")

"""``manage.py rank_related``: the archive's rankings stored ahead of its first readers."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from articles.models import Article, RelatedRanking
from tests.factories import ActorFactory, ArticleActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db


def run(**options) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command("rank_related", stdout=out, progress=False, **options)
    return out.getvalue()


@pytest.fixture
def stories():
    musk = ActorFactory(name="Elon Musk")
    made = [ArticleFactory(title=f"Histoire {n}") for n in range(3)]
    for story in made:
        ArticleActorFactory(article=story, actor=musk)
    ArticleFactory(status=Article.Status.DRAFT, publish_at=None)  # never ranked for readers
    return made


def test_public_stories_are_ranked_once(client, stories):
    assert "ranked for 3 of 3 public stories" in run()
    rankings = {row.article_id: row.entries for row in RelatedRanking.objects.all()}
    assert set(rankings) == {story.pk for story in stories}
    assert {entry[0] for entry in rankings[stories[0].pk]} == {stories[1].pk, stories[2].pk}
    # Current rankings are kept, and the story page reads them without ranking again.
    assert "ranked for 0 of 3 public stories" in run()
    page = client.get(stories[0].get_absolute_url()).content.decode()
    assert "Histoire 1" in page and "Histoire 2" in page


def test_limit_ranks_the_newest_stories(stories):
    assert "ranked for 1 of 1 public stories" in run(limit=1)
    newest = Article.objects.published().newest_first().first()
    assert list(RelatedRanking.objects.values_list("article_id", flat=True)) == [newest.pk]


def test_a_limit_below_one_is_refused_by_name():
    with translation.override("en"), pytest.raises(CommandError, match="--limit must be"):
        call_command("rank_related", limit=0, progress=False)

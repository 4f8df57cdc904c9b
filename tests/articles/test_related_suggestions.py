import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article, ArticleActor, RelatedArticle
from articles.related import related_suggestions
from tests.factories import ActorFactory, ArticleActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db

ABOUT, QUOTED, MENTIONS = (
    ArticleActor.Role.ABOUT,
    ArticleActor.Role.QUOTED,
    ArticleActor.Role.MENTIONS,
)


def story(title, *, tags=(), actors=(), days_ago=1, **kwargs):
    article = ArticleFactory(
        title=title,
        standfirst=kwargs.pop("standfirst", ""),
        publish_at=timezone.now() - dt.timedelta(days=days_ago),
        tags=list(tags),
        **kwargs,
    )
    for actor, role in actors:
        ArticleActorFactory(article=article, actor=actor, role=role)
    return article


@pytest.fixture
def cast():
    return {
        name: ActorFactory(name=name)
        for name in ("Jeff Bezos", "Blue Origin", "Elon Musk", "Donald Trump")
    }


def titles(suggestions):
    return [s.article.title for s in suggestions]


def test_shared_actors_count_more_when_both_stories_are_about_them(cast):
    bezos = cast["Jeff Bezos"]
    base = story("Base", actors=[(bezos, ABOUT)])
    story("Mentions Bezos", actors=[(bezos, MENTIONS)])
    story("Quotes Bezos", actors=[(bezos, QUOTED)])
    story("About Bezos", actors=[(bezos, ABOUT)])

    assert titles(related_suggestions(base)) == ["About Bezos", "Quotes Bezos", "Mentions Bezos"]


def test_each_suggestion_says_why(cast):
    base = story(
        "Jeff Bezos et Blue Origin visent la Lune",
        tags=["espace", "tech"],
        actors=[(cast["Jeff Bezos"], ABOUT), (cast["Blue Origin"], ABOUT)],
    )
    story(
        "Blue Origin lance New Glenn",
        tags=["espace"],
        actors=[(cast["Jeff Bezos"], MENTIONS), (cast["Blue Origin"], ABOUT)],
        days_ago=3,
    )

    with translation.override("en"):
        [suggestion] = related_suggestions(base)

    assert suggestion.reasons[0] == "shares Blue Origin and Jeff Bezos"
    assert suggestion.reasons[1] == "tag espace"
    assert "published 2 days apart" in suggestion.reasons
    assert suggestion.why.startswith("shares Blue Origin and Jeff Bezos; tag espace")
    assert suggestion.score > 0


def test_shared_tags_and_wording_rank_without_shared_actors():
    base = story("La rivalité spatiale entre milliardaires", tags=["espace"])
    story("Rivalité spatiale : le match des milliardaires", days_ago=200)
    story("Un tag en commun", tags=["espace"], days_ago=200)
    story("Rien à voir avec le reste", days_ago=200)

    with translation.override("en"):
        suggestions = related_suggestions(base)

    assert titles(suggestions) == [
        "Rivalité spatiale : le match des milliardaires",
        "Un tag en commun",
    ]
    assert suggestions[0].reasons == ["same words: milliardaires, rivalite, spatiale"]


def test_recency_breaks_ties(cast):
    bezos = cast["Jeff Bezos"]
    base = story("Base", actors=[(bezos, ABOUT)], days_ago=0)
    story("Old", actors=[(bezos, ABOUT)], days_ago=300)
    story("Recent", actors=[(bezos, ABOUT)], days_ago=2)

    assert titles(related_suggestions(base)) == ["Recent", "Old"]


def test_never_itself_linked_or_unpublished_stories(cast):
    bezos = cast["Jeff Bezos"]
    base = story("Base", actors=[(bezos, ABOUT)])
    linked_from = story("Linked from base", actors=[(bezos, ABOUT)])
    linked_to = story("Links to base", actors=[(bezos, ABOUT)])
    RelatedArticle.objects.create(from_article=base, to_article=linked_from)
    RelatedArticle.objects.create(from_article=linked_to, to_article=base)
    story("Draft", actors=[(bezos, ABOUT)], status=Article.Status.DRAFT)
    story("Scheduled", actors=[(bezos, ABOUT)], days_ago=-3)
    story("Candidate", actors=[(bezos, ABOUT)])

    assert titles(related_suggestions(base)) == ["Candidate"]


def test_query_count_does_not_grow_with_candidates(cast):
    bezos = cast["Jeff Bezos"]
    base = story("Base", actors=[(bezos, ABOUT)], tags=["espace"])
    story("One", actors=[(bezos, ABOUT)], tags=["espace"])
    with CaptureQueriesContext(connection) as one:
        related_suggestions(base)
    for n in range(20):
        story(f"Story {n}", actors=[(bezos, MENTIONS)], tags=["espace"])
    with CaptureQueriesContext(connection) as many:
        assert len(related_suggestions(base, limit=10)) == 10

    assert len(one) == len(many)


def test_the_panel_lists_suggestions_and_one_click_links(client, editor, cast):
    client.force_login(editor)
    bezos = cast["Jeff Bezos"]
    base = story("Base", actors=[(bezos, ABOUT)])
    candidate = story("Bezos encore", actors=[(bezos, ABOUT)])

    page = client.get(
        reverse("admin:articles_article_change", args=[base.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Suggested related stories" in page
    assert "Bezos encore" in page and "shares Jeff Bezos" in page

    response = client.post(
        reverse("admin:articles_article_desk_link", args=[base.pk]),
        {"related": candidate.pk},
        HTTP_ACCEPT="application/json",
    )

    assert response.status_code == 200
    assert list(base.related.all()) == [candidate]
    assert related_suggestions(base) == []

"""One ranking of related stories: the story page and the desk's panel agree."""

import datetime as dt
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import ArticleActor
from tests.factories import ActorFactory, ArticleActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db

ABOUT, MENTIONS = ArticleActor.Role.ABOUT, ArticleActor.Role.MENTIONS


def story(title, *, tags=(), actors=(), days_ago=1):
    article = ArticleFactory(
        title=title,
        standfirst="",
        publish_at=timezone.now() - dt.timedelta(days=days_ago),
        tags=list(tags),
    )
    for actor, role in actors:
        ArticleActorFactory(article=article, actor=actor, role=role)
    return article


@pytest.fixture
def base():
    """A story about two actors, and four others sharing more or less with it."""
    bezos, musk = ActorFactory(name="Jeff Bezos"), ActorFactory(name="Elon Musk")
    story("Deux rivaux", actors=[(bezos, MENTIONS), (musk, MENTIONS)], days_ago=5)
    story("Le sommet", actors=[(musk, ABOUT)], tags=["espace"], days_ago=1)
    story("Une fusée", tags=["espace"], days_ago=2)
    story("Un contrat", actors=[(bezos, MENTIONS)], days_ago=1)
    return story("Base", actors=[(bezos, ABOUT), (musk, ABOUT)], tags=["espace"], days_ago=0)


def reader_list(client, article) -> list[tuple[str, str]]:
    """(headline, what it has in common) for each related story on the story page."""
    page = client.get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    found = re.findall(r'<li>\s*<a href="[^"]*"[^>]*>([^<]*)</a>\s*<span class="why">([^<]*)', page)
    return [(unescape(title), unescape(why).removeprefix("In common: ")) for title, why in found]


def desk_list(client, editor, article) -> list[tuple[str, str]]:
    """(headline, what it has in common) for each suggestion in the desk's panel."""
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    found = re.findall(
        r'class="desk-name"[^>]*>([^<]*)</a>\s*<span class="desk-help">[^·]*· ([^<]*)', page
    )
    listed = []
    for title, why in found:
        actors, topics = [], []
        for reason in unescape(why).split("; "):
            if reason.startswith("shares "):
                actors = reason.removeprefix("shares ").replace(" and ", ", ").split(", ")
            elif reason.startswith(("tag ", "tags ")):
                topics = reason.split(" ", 1)[1].split(", ")
        listed.append(
            (unescape(title), "; ".join(filter(None, [", ".join(actors), ", ".join(topics)])))
        )
    return listed


def test_the_story_page_and_the_desk_rank_and_explain_alike(client, editor, base):
    reader = reader_list(client, base)
    desk = desk_list(client, editor, base)

    assert reader == desk
    # Roles weigh: two actors merely mentioned share less than one the stories are about.
    assert [title for title, _ in reader] == ["Le sommet", "Deux rivaux", "Une fusée", "Un contrat"]
    assert reader[0] == ("Le sommet", "Elon Musk; espace")

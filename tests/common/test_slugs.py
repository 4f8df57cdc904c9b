"""One slug rule on every path a story or an actor is written by: the same headline gives the
same URL, a taken slug is numbered, and an old URL keeps leading where it led."""

import io
import json
import uuid

import pytest
from django.core.management import call_command
from django.urls import reverse

from actors.models import Actor
from actors.services import actor_create
from articles.models import Article
from articles.services import article_create
from common.slugs import slug_from
from exports.imports import stories_import
from tests.factories import ActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db

HEADLINE = "Cœur d’Œdipe : l’Ærø et la Straße"
SLUG = "coeur-doedipe-laero-et-la-strasse"


def saved(title: str) -> Article:
    """A story saved without a slug, as a script or a fixture does."""
    article = Article(title=title)
    article.save()
    return article


def by_service(title: str) -> Article:
    return article_create(title=title)


def by_import_article(title: str, tmp_path=None) -> Article:
    path = tmp_path / f"{uuid.uuid4()}.md"
    path.write_text(f"{title}\n\nLe texte.", encoding="utf-8")
    call_command("import_article", str(path), stdout=io.StringIO())
    return Article.objects.latest("id")


def by_json_lines(title: str) -> Article:
    record = {"uuid": str(uuid.uuid4()), "title": title, "status": "draft"}
    report = stories_import(lines=[json.dumps(record, ensure_ascii=False)])
    assert report.created == [title]
    return Article.objects.get(uuid=record["uuid"])


STORY_PATHS = {
    "model save": lambda title, tmp_path: saved(title),
    "service": lambda title, tmp_path: by_service(title),
    "import_article": by_import_article,
    "JSON Lines import": lambda title, tmp_path: by_json_lines(title),
}


@pytest.mark.parametrize("path", STORY_PATHS)
def test_a_headline_gives_the_same_slug_on_every_path(path, tmp_path):
    write = STORY_PATHS[path]
    assert write(HEADLINE, tmp_path).slug == SLUG
    assert write("Cœur", tmp_path).slug == "coeur"


@pytest.mark.parametrize("path", STORY_PATHS)
def test_a_taken_slug_is_numbered(path, tmp_path):
    ArticleFactory(slug="coeur")
    write = STORY_PATHS[path]
    assert write("Cœur", tmp_path).slug == "coeur-2"
    assert write("Cœur", tmp_path).slug == "coeur-3"


@pytest.mark.parametrize("path", STORY_PATHS)
def test_a_new_story_does_not_take_over_an_old_url(path, tmp_path, client):
    moved = ArticleFactory(slug="coeur-battant")
    moved.old_slugs.create(slug="coeur")

    new = STORY_PATHS[path]("Cœur", tmp_path)

    assert new.slug == "coeur-2"
    response = client.get(reverse("articles:detail", args=["coeur"]))
    assert response.status_code == 301
    assert response["Location"] == moved.get_absolute_url()


@pytest.mark.parametrize("path", STORY_PATHS)
def test_a_headline_without_letters_still_gets_a_slug(path, tmp_path):
    assert STORY_PATHS[path]("« … ! »", tmp_path).slug == "article"


ACTOR_PATHS = {
    "model save": lambda name: ActorFactory(name=name, slug=""),
    "service": lambda name: actor_create(name=name, kind=Actor.Kind.PERSON),
}


@pytest.mark.parametrize("path", ACTOR_PATHS)
def test_an_actor_gets_the_same_slug_on_every_path_and_never_an_old_one(path, client):
    write = ACTOR_PATHS[path]
    assert write("Søren Kierkegaard").slug == "soren-kierkegaard"
    assert write("Søren Kierkegaard").slug == "soren-kierkegaard-2"
    merged_into = ActorFactory(slug="l-oeuvre")
    merged_into.redirects.create(old_slug="oeuvre")
    assert write("Œuvre").slug == "oeuvre-2"
    assert write("—").slug == "actor"
    assert (
        client.get(reverse("actors:detail", args=["oeuvre"]))["Location"]
        == merged_into.get_absolute_url()
    )


def test_slugs_are_ascii_whatever_the_alphabet_and_never_end_on_a_hyphen():
    assert slug_from("L'État, l’été ! Þór, Łódź, ı") == "letat-lete-thor-lodz-i"
    assert slug_from("Musk et Bezos — la fin", max_length=13) == "musk-et-bezos"
    assert slug_from("Musk et Bezos — la fin", max_length=14) == "musk-et-bezos"

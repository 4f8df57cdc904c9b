"""The actors index: by kind, A–Z, most covered recently, a name filter that folds accents."""

import re

import pytest
from django.core.cache import caches
from django.utils import timezone

from actors.directory import COVERAGE_WINDOW
from actors.models import Actor
from actors.services import actor_save
from articles.models import Article
from articles.services import article_publish, article_tag_new_actor
from tests.factories import (
    ActorFactory,
    AliasFactory,
    ArticleActorFactory,
    ArticleFactory,
)
from tests.queries import counts_for

pytestmark = pytest.mark.django_db

URL = "/actors/"


def names(response) -> list[str]:
    """The actors listed, in the page's order."""
    assert response.status_code == 200
    html = response.content.decode()
    return re.findall(r'<a class="directory-name" href="[^"]*">([^<]*)</a>', html)


def tag(actor, *, days_ago=1, status=Article.Status.PUBLISHED):
    publish_at = timezone.now() - timezone.timedelta(days=days_ago)
    story = ArticleFactory(
        status=status, publish_at=publish_at if status == Article.Status.PUBLISHED else None
    )
    ArticleActorFactory(article=story, actor=actor)
    return story


@pytest.fixture
def newsroom():
    musk = ActorFactory(name="Elon Musk", slug="elon-musk", listed=False)
    bezos = ActorFactory(name="Jeff Bezos", slug="jeff-bezos", listed=False)
    AliasFactory(actor=bezos, name="Jeffrey Preston Jorgensen")
    amazon = ActorFactory(name="Amazon", slug="amazon", kind=Actor.Kind.ORGANISATION)
    elysee = ActorFactory(name="Élysée", slug="elysee", kind=Actor.Kind.PLACE)
    three_m = ActorFactory(name="3M", slug="3m", kind=Actor.Kind.ORGANISATION)
    summit = ActorFactory(name="Sommet de Davos", slug="davos", kind=Actor.Kind.EVENT)
    # Known only from a draft: never listed anywhere.
    secret = ActorFactory(name="Eva Secrète", slug="eva-secrete", listed=False)
    tag(secret, status=Article.Status.DRAFT)
    for days_ago in (1, 2, 3):
        tag(bezos, days_ago=days_ago)
    for days_ago in (1, 5):
        tag(musk, days_ago=days_ago)
    tag(amazon, days_ago=COVERAGE_WINDOW.days + 10)  # too old to count
    return {
        "musk": musk,
        "bezos": bezos,
        "amazon": amazon,
        "elysee": elysee,
        "3m": three_m,
        "summit": summit,
    }


def test_every_public_actor_is_listed_a_to_z_folded(client, newsroom):
    assert names(client.get(URL)) == [
        "3M",
        "Amazon",
        "Elon Musk",
        "Élysée",
        "Jeff Bezos",
        "Sommet de Davos",
    ]


def test_browse_by_kind(client, newsroom, english):
    assert names(client.get(URL, {"kind": "person"})) == ["Elon Musk", "Jeff Bezos"]
    assert names(client.get(URL, {"kind": "organisation"})) == ["3M", "Amazon"]
    assert names(client.get(URL, {"kind": "place"})) == ["Élysée"]
    page = client.get(URL, {"kind": "event"}).content.decode()
    assert "Sommet de Davos" in page
    assert "<title>Events" in page


def test_browse_by_letter(client, newsroom):
    assert names(client.get(URL, {"letter": "E"})) == ["Elon Musk", "Élysée"]
    assert names(client.get(URL, {"letter": "e"})) == ["Elon Musk", "Élysée"]
    assert names(client.get(URL, {"letter": "É"})) == ["Elon Musk", "Élysée"]
    assert names(client.get(URL, {"letter": "#"})) == ["3M"]
    assert names(client.get(URL, {"letter": "J", "kind": "person"})) == ["Jeff Bezos"]
    assert names(client.get(URL, {"letter": "Q"})) == []


def test_the_name_filter_folds_case_and_accents_and_reads_aliases(client, newsroom):
    assert names(client.get(URL, {"q": "elysee"})) == ["Élysée"]
    assert names(client.get(URL, {"q": "MUSK"})) == ["Elon Musk"]
    assert names(client.get(URL, {"q": "  jeff   "})) == ["Jeff Bezos"]
    assert names(client.get(URL, {"q": "jorgensen"})) == ["Jeff Bezos"]
    assert names(client.get(URL, {"q": "secr"})) == []


def test_a_typed_name_is_not_indexed_and_the_canonical_keeps_kind_and_letter(client, newsroom):
    page = client.get(URL, {"q": "musk", "kind": "person", "utm_source": "x"}).content.decode()
    assert '<meta name="robots" content="noindex, follow">' in page
    assert '<link rel="canonical" href="http://testserver/actors/?kind=person">' in page
    page = client.get(URL, {"letter": "#"}).content.decode()
    assert '<link rel="canonical" href="http://testserver/actors/?letter=%23">' in page
    assert "noindex" not in page


def test_an_actor_known_only_from_a_draft_is_never_listed(client, newsroom):
    for params in ({}, {"letter": "E"}, {"q": "eva"}, {"order": "covered"}, {"kind": "person"}):
        assert "Eva Secrète" not in client.get(URL, params).content.decode(), params


def test_most_covered_recently_counts_public_stories_of_the_window(client, newsroom, english):
    response = client.get(URL, {"order": "covered"})
    assert names(response) == ["Jeff Bezos", "Elon Musk"]
    page = response.content.decode()
    assert "3 stories" in page and "2 stories" in page
    assert f"Most covered in the last {COVERAGE_WINDOW.days} days" in page
    assert names(client.get(URL, {"order": "covered", "kind": "organisation"})) == []
    # A scheduled story does not count before its time.
    ArticleActorFactory(
        article=ArticleFactory(publish_at=timezone.now() + timezone.timedelta(hours=2)),
        actor=newsroom["amazon"],
    )
    assert "Amazon" not in names(client.get(URL, {"order": "covered"}))


def test_the_current_kind_letter_and_page_are_marked(client, newsroom, english):
    page = client.get(URL, {"kind": "person", "letter": "J"}).content.decode()
    assert '<a href="/actors/?kind=person&amp;letter=J" aria-current="page">People</a>' in page
    assert '<a href="/actors/?kind=person&amp;letter=J" aria-current="page">J</a>' in page
    assert 'href="/actors/" aria-current="page">Actors</a>' in page
    assert '<nav class="section-nav-bar directory-nav-bar" aria-label="Browse">' in page


def test_pages_of_fifty(client, english):
    for n in range(53):
        ActorFactory(name=f"Acteur {n:02d}", slug=f"acteur-{n}")
    first = client.get(URL)
    assert len(names(first)) == 50
    assert "Page 1 of 2" in first.content.decode()
    assert 'rel="next" href="?page=2">Next page</a>' in first.content.decode()
    second = client.get(URL, {"page": 2})
    assert names(second) == ["Acteur 50", "Acteur 51", "Acteur 52"]
    assert '<link rel="canonical" href="http://testserver/actors/?page=2">' in (
        second.content.decode()
    )
    assert client.get(URL, {"page": 99999}).status_code == 404
    assert client.get(URL, {"page": "x"}).status_code == 404


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"kind": "alien"}, "Unknown kind “alien”: choose person, organisation, place or event."),
        ({"letter": "ZZ"}, "Unknown letter “ZZ”: choose one letter from A to Z, or #."),
        ({"q": "a" * 10_000}, "A name to look for has at most 100 characters."),
        ({"order": "random"}, "Unknown order “random”: choose name or covered."),
    ],
)
def test_a_bad_parameter_is_refused_by_name(client, newsroom, english, params, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'class="directory-name"' not in page  # no list, only the message
    assert '<meta name="robots" content="noindex, follow">' in page


def test_a_long_bad_value_is_not_echoed_whole(client, english):
    response = client.get(URL, {"kind": "x" * 10_000})
    assert response.status_code == 400
    page = response.content.decode()
    errors = re.search(r'<div class="form-errors" role="alert">(.*?)</div>', page, re.S).group(1)
    assert "Unknown kind “xxx" in errors and "x" * 300 not in errors
    assert 'maxlength="100"' in page


def test_a_nul_character_is_refused(client, newsroom):
    assert client.get(URL, {"q": "mu\x00sk"}).status_code == 400


@pytest.mark.parametrize("params", [{}, {"kind": "person"}, {"order": "covered"}, {"q": "acteur"}])
def test_queries_do_not_grow_with_the_number_of_actors(client, params):
    def make_row(n):
        actor = ActorFactory(name=f"Acteur {n}", slug=f"acteur-{n}")
        tag(actor)

    one, thirty = counts_for(
        client, f"{URL}?{'&'.join(f'{k}={v}' for k, v in params.items())}", make_row
    )
    assert one == thirty
    assert thirty <= 5


def test_the_cached_index_shows_a_newly_public_actor_and_a_new_name(
    client, newsroom, editor, settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_PAGE_CACHE = True
    caches["pages"].clear()
    urls = [URL, f"{URL}?kind=person", f"{URL}?order=covered", f"{URL}?letter=N"]
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        article_tag_new_actor(article=draft, name="Nadia Nouvelle", kind="person", by=editor)
    assert "Nadia Nouvelle" not in client.get(URL).content.decode()  # still a draft
    with django_capture_on_commit_callbacks(execute=True):
        article_publish(article=draft, by=editor)
    for url in urls:
        assert "Nadia Nouvelle" in names(client.get(url)), url
    with django_capture_on_commit_callbacks(execute=True):
        musk = Actor.objects.get(slug="elon-musk")
        musk.name = "Elon R. Musk"
        actor_save(actor=musk, by=editor)
    page = client.get(f"{URL}?kind=person")
    assert page["X-Page-Cache"] == "miss"
    assert "Elon R. Musk" in names(page)

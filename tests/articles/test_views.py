import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import (
    ActorFactory,
    ArticleActorFactory,
    ArticleFactory,
    CorrectionFactory,
    RelatedArticleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_home_lists_published_stories_only(client):
    public = ArticleFactory(title="Musk et Bezos enterrent la hache de guerre")
    ArticleFactory(title="Brouillon secret", status=Article.Status.DRAFT, publish_at=None)
    ArticleFactory(
        title="Analyse programmée", publish_at=timezone.now() + timezone.timedelta(days=3)
    )
    response = client.get(reverse("articles:home"))
    assert response.status_code == 200
    content = response.content.decode()
    assert public.title in content
    assert "Brouillon secret" not in content
    assert "Analyse programmée" not in content


@pytest.mark.parametrize(
    "status,delta",
    [("draft", None), ("review", None), ("published", timezone.timedelta(days=2))],
    ids=["draft", "in-review", "scheduled"],
)
def test_anonymous_reader_gets_404_for_unpublished_story(client, status, delta):
    article = ArticleFactory(status=status, publish_at=timezone.now() + delta if delta else None)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert "Brouillon" not in response.content.decode()


def test_story_page_shows_everything_a_reader_expects(client):
    author = UserFactory(first_name="Claire", last_name="Dupont")
    article = ArticleFactory(
        kicker="Espace",
        title="Le dîner qui a rapproché deux rivaux",
        standfirst="Un chapeau.",
        body="## Un tournant\n\nLe texte **important**.\n\n<script>alert('x')</script>",
        tags=["espace", "politique"],
    )
    article.authors.add(author)
    musk = ActorFactory(name="Elon Musk", slug="elon-musk")
    ArticleActorFactory(article=article, actor=musk, role="about")
    related = ArticleFactory(title="La bataille des contrats de la NASA")
    RelatedArticleFactory(from_article=related, to_article=article)
    CorrectionFactory(article=article, text="Le dîner a eu lieu un mercredi.")

    response = client.get(article.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr">' in content
    for expected in [
        "Espace",
        "Le dîner qui a rapproché deux rivaux",
        "Un chapeau.",
        "Claire Dupont",
        "<h2>Un tournant</h2>",
        "<strong>important</strong>",
        'href="/actors/elon-musk/"',
        "espace",
        "La bataille des contrats de la NASA",
        "Le dîner a eu lieu un mercredi.",
        'rel="canonical"',
    ]:
        assert expected in content, expected
    assert "<script>alert" not in content


def test_english_story_page_is_marked_english(client):
    article = ArticleFactory(language="en", title="Musk and Bezos bury the hatchet")
    content = client.get(article.get_absolute_url()).content.decode()
    assert '<html lang="en">' in content


def test_actor_page_shows_relationships_and_only_public_stories(client):
    from actors.models import RelationshipKind
    from actors.services import relationship_record

    bezos = ActorFactory(name="Jeff Bezos", slug="jeff-bezos", wikidata_id="Q312556")
    post = ActorFactory(name="The Washington Post", slug="the-washington-post", kind="organisation")
    public = ArticleFactory(title="Bezos et le Post")
    draft = ArticleFactory(title="Brouillon Bezos", status="draft", publish_at=None)
    ArticleActorFactory(article=public, actor=bezos)
    ArticleActorFactory(article=draft, actor=bezos)
    relationship_record(
        source=bezos,
        kind=RelationshipKind.objects.get(slug="owns"),
        target=post,
        evidence=[public, draft],
    )

    bezos_page = client.get(bezos.get_absolute_url()).content.decode()
    assert "owns" in bezos_page and "The Washington Post" in bezos_page
    assert "https://www.wikidata.org/wiki/Q312556" in bezos_page
    assert "Bezos et le Post" in bezos_page
    assert "Brouillon Bezos" not in bezos_page

    post_page = client.get(post.get_absolute_url()).content.decode()
    assert "owned by" in post_page and "Jeff Bezos" in post_page


def test_section_page_lists_its_published_stories(client):
    article = ArticleFactory(title="Une histoire de section")
    response = client.get(article.section.get_absolute_url())
    assert response.status_code == 200
    assert "Une histoire de section" in response.content.decode()


def test_unknown_pages_get_the_friendly_404(client):
    response = client.get("/articles/nexiste-pas/")
    assert response.status_code == 404
    assert "Page" in response.content.decode()


def test_healthz_reports_database_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.parametrize("count", [1, 12])
def test_story_page_query_count_is_fixed(client, django_assert_num_queries, count):
    article = ArticleFactory()
    for _ in range(count):
        ArticleActorFactory(article=article)
        CorrectionFactory(article=article)
        RelatedArticleFactory(from_article=article)
        article.authors.add(UserFactory())
    article.tags.set([f"tag{i}" for i in range(count)])
    # article, authors, tags, corrections, actor tags, related stories
    with django_assert_num_queries(6):
        assert client.get(article.get_absolute_url()).status_code == 200

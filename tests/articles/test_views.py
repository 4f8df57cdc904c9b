import pytest
from django.urls import reverse
from django.utils import timezone
from django.views.defaults import server_error

from articles.models import Article
from articles.services import article_change_slug, article_publish
from tests.factories import (
    ActorFactory,
    ArticleActorFactory,
    ArticleFactory,
    ContributorFactory,
    CorrectionFactory,
    RelatedArticleFactory,
    SectionFactory,
    UserFactory,
    sign,
)

pytestmark = pytest.mark.django_db

HOUR = timezone.timedelta(hours=1)


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


def test_home_groups_the_page_by_section_in_desk_order(client):
    space = SectionFactory(name="Espace", slug="espace", position=2)
    tech = SectionFactory(name="Tech", slug="tech", position=1)
    ArticleFactory(title="Fusée ancienne", section=space, publish_at=timezone.now() - 3 * HOUR)
    ArticleFactory(title="Fusée récente", section=space, publish_at=timezone.now() - HOUR)
    ArticleFactory(title="Puce", section=tech, publish_at=timezone.now() - 2 * HOUR)

    response = client.get(reverse("articles:home"))
    groups = [
        (section.name, [article.title for article in stories])
        for section, stories in response.context["section_groups"]
    ]
    assert groups == [("Tech", ["Puce"]), ("Espace", ["Fusée récente", "Fusée ancienne"])]
    content = response.content.decode()
    assert content.index(">Tech</a></h2>") < content.index(">Espace</a></h2>")


def test_home_is_paginated_and_keeps_newest_first(client):
    section = SectionFactory()
    now = timezone.now()
    for index in range(25):
        ArticleFactory(
            title=f"Histoire {index:02d}", section=section, publish_at=now - index * HOUR
        )
    first = client.get("/").content.decode()
    second = client.get("/?page=2").content.decode()
    assert "Histoire 00" in first and "Histoire 19" in first and "Histoire 20" not in first
    assert "Histoire 20" in second and "Histoire 24" in second
    assert 'rel="next" href="?page=2"' in first
    assert 'rel="prev" href="/"' in second
    assert client.get("/?page=9").status_code == 404


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
    author = ContributorFactory(name="Claire Dupont")
    second_author = ContributorFactory(name="Karim Benali")
    article = ArticleFactory(
        kicker="Espace",
        title="Le dîner qui a rapproché deux rivaux",
        standfirst="Un chapeau.",
        body="## Un tournant\n\nLe texte **important**.\n\n<script>alert('x')</script>",
        tags=["espace", "politique"],
    )
    sign(article, author, second_author)
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
        "Karim Benali",
        "<h2>Un tournant</h2>",
        "<strong>important</strong>",
        'href="/actors/elon-musk/"',
        'href="/tags/espace/"',
        "La bataille des contrats de la NASA",
        "Le dîner a eu lieu un mercredi.",
        'rel="canonical"',
        "1 min de lecture",
    ]:
        assert expected in content, expected
    assert "<script>alert" not in content


def test_story_byline_and_dates_follow_the_reader_language(client):
    article = ArticleFactory(publish_at=timezone.make_aware(timezone.datetime(2024, 12, 19, 7, 30)))
    sign(article, ContributorFactory(name="Claire Dupont"), ContributorFactory(name="Karim Benali"))
    french = client.get(article.get_absolute_url()).content.decode()
    english = client.get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "19 décembre 2024 07:30" in french and "Publié le" in french
    assert "Par" in french and " et " in french
    assert "Dec. 19, 2024, 7:30 a.m." in english
    assert "By" in english and " and " in english


def test_story_actors_are_grouped_by_role(client):
    article = ArticleFactory()
    for name, role in [("Cité", "quoted"), ("Sujet", "about"), ("Mentionné", "mentions")]:
        ArticleActorFactory(article=article, actor=ActorFactory(name=name), role=role)
    response = client.get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    content = response.content.decode()
    order = [">About<", ">Sujet<", ">Mentioned<", ">Mentionné<", ">Quoted<", ">Cité<"]
    positions = [content.index(text) for text in order]
    assert positions == sorted(positions)


def test_english_story_page_is_marked_english(client):
    article = ArticleFactory(language="en", title="Musk and Bezos bury the hatchet")
    content = client.get(article.get_absolute_url()).content.decode()
    assert '<html lang="en">' in content
    # The interface around the story stays in the reader's language, and says so.
    assert '<header class="site-header" lang="fr">' in content


def test_story_open_graph_tags(client):
    article = ArticleFactory(title="Le dîner", tags=["espace", "politique"])
    content = client.get(article.get_absolute_url()).content.decode()
    url = f"http://testserver{article.get_absolute_url()}"
    for expected in [
        '<meta property="og:type" content="article">',
        '<meta property="og:title" content="Le dîner">',
        f'<meta property="og:url" content="{url}">',
        '<meta property="og:image" content="http://testserver/static/img/og-default.png">',
        f'<meta property="article:published_time" content="{article.publish_at:%Y}',
        '<meta property="article:modified_time"',
        f'<meta property="article:section" content="{article.section.name}">',
        '<meta property="article:tag" content="espace">',
        '<meta property="article:tag" content="politique">',
        f'<link rel="canonical" href="{url}">',
    ]:
        assert expected in content, expected


def test_syndicated_story_points_canonical_to_the_original(client):
    article = ArticleFactory(canonical_url="https://example.org/original")
    content = client.get(article.get_absolute_url()).content.decode()
    assert '<link rel="canonical" href="https://example.org/original">' in content


def test_related_stories_put_editor_picks_first_then_suggestions(client):
    article = ArticleFactory(tags=["espace"])
    musk = ActorFactory(name="Elon Musk")
    ArticleActorFactory(article=article, actor=musk)
    pick = ArticleFactory(title="Choix de la rédaction")
    RelatedArticleFactory(from_article=article, to_article=pick)
    shares_actor = ArticleFactory(title="Partage Musk", publish_at=timezone.now() - 5 * HOUR)
    ArticleActorFactory(article=shares_actor, actor=musk)
    ArticleFactory(title="Partage le thème", tags=["espace"])
    ArticleFactory(title="Sans rapport", tags=["cuisine"])
    draft = ArticleFactory(title="Brouillon Musk", status="draft", publish_at=None)
    ArticleActorFactory(article=draft, actor=musk)
    unpublished_pick = ArticleFactory(title="Pick brouillon", status="draft", publish_at=None)
    RelatedArticleFactory(from_article=article, to_article=unpublished_pick)

    response = client.get(article.get_absolute_url())
    titles = [related.title for related in response.context["related_articles"]]
    # An actor in common weighs more than a topic in common.
    assert titles == ["Choix de la rédaction", "Partage Musk", "Partage le thème"]
    content = response.content.decode()
    assert "Elon Musk" in content.split("Partage Musk")[1]
    assert "Brouillon Musk" not in content and "Pick brouillon" not in content


def test_a_story_is_never_related_to_itself(client):
    article = ArticleFactory(tags=["espace"])
    ArticleActorFactory(article=article)
    response = client.get(article.get_absolute_url())
    assert article not in response.context["related_articles"]


def test_old_slug_of_a_published_story_answers_301(client, editor):
    article = ArticleFactory(slug="ancien-titre", status="draft", publish_at=None)
    article = article_publish(article=article, by=editor)
    article_change_slug(article=article, slug="nouveau-titre")
    response = client.get("/articles/ancien-titre/")
    assert response.status_code == 301
    assert response["Location"] == "/articles/nouveau-titre/"
    assert client.get("/articles/nouveau-titre/").status_code == 200


def test_old_slug_of_an_unpublished_story_is_a_404(client, editor):
    article = article_publish(article=ArticleFactory(slug="avant", status="draft"), by=editor)
    article_change_slug(article=article, slug="apres")
    Article.objects.filter(pk=article.pk).update(status="draft")
    assert client.get("/articles/avant/").status_code == 404


def test_a_draft_slug_change_leaves_no_redirect(client):
    article = ArticleFactory(slug="brouillon-1", status="draft", publish_at=None)
    article_change_slug(article=article, slug="brouillon-2")
    assert not article.old_slugs.exists()


def test_coming_back_to_an_old_slug_makes_it_live_again(client, editor):
    article = article_publish(article=ArticleFactory(slug="un", status="draft"), by=editor)
    article_change_slug(article=article, slug="deux")
    article_change_slug(article=article, slug="un")
    assert client.get("/articles/un/").status_code == 200
    assert client.get("/articles/deux/")["Location"] == "/articles/un/"


def test_section_page_lists_its_published_stories(client):
    article = ArticleFactory(title="Une histoire de section")
    ArticleFactory(title="Ailleurs")
    response = client.get(article.section.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "Une histoire de section" in content and "Ailleurs" not in content
    assert 'aria-current="page"' in content
    assert client.get("/sections/inconnue/").status_code == 404


def test_tag_page_lists_public_stories_with_that_tag(client):
    ArticleFactory(title="Sur l'espace", tags=["espace"])
    ArticleFactory(title="Sur la cuisine", tags=["cuisine"])
    ArticleFactory(title="Brouillon spatial", tags=["espace"], status="draft", publish_at=None)
    response = client.get(reverse("articles:tag", kwargs={"slug": "espace"}))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Sur l&#x27;espace" in content
    assert "Sur la cuisine" not in content and "Brouillon spatial" not in content
    assert 'href="/tags/espace/rss/"' in content


def test_tag_used_only_by_drafts_has_no_page(client):
    ArticleFactory(title="Scoop", tags=["fusion-secrete"], status="draft", publish_at=None)
    assert client.get("/tags/fusion-secrete/").status_code == 404


def test_tag_with_accents_has_a_page(client):
    article = ArticleFactory(tags=["élection"])
    tag = article.tags.get()
    response = client.get(reverse("articles:tag", kwargs={"slug": tag.slug}))
    assert response.status_code == 200


def test_unknown_pages_get_the_friendly_404(client):
    response = client.get("/articles/nexiste-pas/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "Page introuvable" in content
    assert 'name="q"' in content  # a way onwards: search
    assert "noindex" in content


def test_server_error_page_is_friendly_and_bilingual(rf):
    # Django renders 500.html without a request context: it must not need one.
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    content = response.content.decode()
    assert "Une erreur est survenue" in content and "Something went wrong" in content
    assert "/static/css/site.css" in content


def test_healthz_reports_database_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_staff_preview_shows_a_draft_marked_noindex(client, editor):
    draft = ArticleFactory(title="Brouillon à relire", status="draft", publish_at=None)
    client.force_login(editor)
    response = client.get(reverse("articles:preview", kwargs={"uuid": draft.uuid}))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Brouillon à relire" in content
    assert '<meta name="robots" content="noindex, nofollow">' in content
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert 'rel="canonical"' not in content
    assert "application/ld+json" not in content


def test_staff_preview_shows_a_scheduled_story(client, editor):
    scheduled = ArticleFactory(publish_at=timezone.now() + timezone.timedelta(days=1))
    client.force_login(editor)
    assert (
        client.get(reverse("articles:preview", kwargs={"uuid": scheduled.uuid})).status_code == 200
    )


@pytest.mark.parametrize("who", ["anonymous", "non-staff"])
def test_preview_is_a_404_for_everyone_but_staff(client, who):
    draft = ArticleFactory(title="Brouillon à relire", status="draft", publish_at=None)
    if who == "non-staff":
        client.force_login(UserFactory(is_staff=False))
    response = client.get(reverse("articles:preview", kwargs={"uuid": draft.uuid}))
    assert response.status_code == 404
    assert "Brouillon à relire" not in response.content.decode()

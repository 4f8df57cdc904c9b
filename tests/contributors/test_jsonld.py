"""schema.org markup for contributors: their page is a ProfilePage about a Person (or, for an
agency, an Organization), and a story's authors link to those pages; only real, stable
schema.org terms, checked against the vocabulary as for stories."""

import pytest

from articles.models import Article
from contributors.models import Contributor
from tests.articles.test_jsonld import check_node, jsonld
from tests.factories import ArticleFactory, ContributorFactory, sign
from tests.pictures.images import make_picture

pytestmark = pytest.mark.django_db


def test_the_author_page_is_a_profile_page_about_a_person(client, english):
    lea = ContributorFactory(
        name="Léa Fontaine",
        slug="lea-fontaine",
        role=Contributor.Role.CORRESPONDENT,
        bio="Correspondante indépendante à Washington.",
        portrait=make_picture(seed=3),
    )
    sign(ArticleFactory(), lea)
    data = jsonld(client.get(lea.get_absolute_url()).content.decode())
    url = "http://testserver/contributors/lea-fontaine/"
    assert data["@type"] == "ProfilePage"
    assert data["url"] == url
    person = data["mainEntity"]
    assert person["@type"] == "Person"
    assert person["name"] == "Léa Fontaine"
    assert person["url"] == url
    assert person["description"] == "Correspondante indépendante à Washington."
    assert person["hasOccupation"] == {"@type": "Occupation", "name": "correspondent"}
    widest = lea.portrait.widths()[-1]
    assert person["image"] == f"http://testserver{widest.url}"
    assert "sameAs" not in person  # no field says where else she is
    assert check_node(data) == []


def test_an_agency_is_an_organization_with_no_occupation(client):
    afp = ContributorFactory(name="AFP", slug="afp", role=Contributor.Role.AGENCY)
    sign(ArticleFactory(), afp)
    data = jsonld(client.get(afp.get_absolute_url()).content.decode())
    assert data["mainEntity"] == {
        "@type": "Organization",
        "name": "AFP",
        "url": "http://testserver/contributors/afp/",
    }
    assert check_node(data) == []


def test_a_story_names_its_authors_with_their_pages(client):
    lea = ContributorFactory(name="Léa Fontaine", slug="lea-fontaine")
    afp = ContributorFactory(name="AFP", slug="afp", role=Contributor.Role.AGENCY)
    story = ArticleFactory()
    sign(story, lea, afp)
    data = jsonld(client.get(story.get_absolute_url()).content.decode())
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Léa Fontaine",
            "url": "http://testserver/contributors/lea-fontaine/",
        },
        {"@type": "Organization", "name": "AFP", "url": "http://testserver/contributors/afp/"},
    ]
    assert check_node(data) == []
    for author in data["author"]:
        assert client.get(author["url"].removeprefix("http://testserver")).status_code == 200


def test_a_contributor_who_signs_only_a_draft_is_in_no_markup(client):
    ghost = ContributorFactory(name="Plume Secrète", slug="plume-secrete")
    sign(ArticleFactory(status=Article.Status.DRAFT, publish_at=None), ghost)
    story = ArticleFactory()
    sign(story, ContributorFactory())
    assert client.get(ghost.get_absolute_url()).status_code == 404
    for url in ("/", story.get_absolute_url(), "/sitemap.xml", "/feeds/rss/"):
        content = client.get(url).content.decode()
        assert "Plume Secrète" not in content and "plume-secrete" not in content, url

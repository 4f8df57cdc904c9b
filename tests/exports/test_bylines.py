"""Bylines in the exports, and the contributors an import makes: a story moved to another
newsroom keeps who signed it, agencies and freelancers included."""

import io
import json

import pytest

from articles.models import Article
from contributors.models import Contributor
from exports.imports import ImportFailed, stories_import
from exports.services import stories_export
from tests.exports.conftest import BASE_URL, ninjs_lines
from tests.factories import ArticleFactory, ContributorFactory, UserFactory, sign

pytestmark = pytest.mark.django_db

STORY_ID = "00000000-0000-4000-8000-000000000001"


def export(fmt="jsonl") -> str:
    out = io.StringIO()
    stories_export(queryset=Article.objects.all(), fmt=fmt, out=out, public_only=False)
    return out.getvalue()


def load(*records: dict):
    return stories_import(lines=[json.dumps(r, ensure_ascii=False) + "\n" for r in records])


def story(**values) -> dict:
    return {"uuid": STORY_ID, "title": "Aux confins", "status": "draft", **values}


@pytest.fixture
def signed():
    article = ArticleFactory(slug="contrats-nasa")
    afp = ContributorFactory(name="AFP", slug="afp", role=Contributor.Role.AGENCY)
    karim = ContributorFactory(name="Karim Benali", slug="karim-benali")
    sign(article, afp, karim)
    return article


def test_every_format_carries_the_byline_in_order(signed):
    [record] = [json.loads(line) for line in export().splitlines()]
    assert record["contributors"] == [
        {"name": "AFP", "slug": "afp", "role": "agency", "url": f"{BASE_URL}/contributors/afp/"},
        {
            "name": "Karim Benali",
            "slug": "karim-benali",
            "role": "reporter",
            "url": f"{BASE_URL}/contributors/karim-benali/",
        },
    ]
    [document] = ninjs_lines(export("ninjs"))  # valid against IPTC's schema
    assert document["by"] == "AFP, Karim Benali"
    assert "AFP; Karim Benali" in export("csv")


def test_an_import_makes_the_contributors_a_newsroom_lacks(signed):
    first = export()
    Article.objects.all().delete()
    Contributor.objects.all().delete()
    stories_import(lines=io.StringIO(first))
    story = Article.objects.get(slug="contrats-nasa")
    assert [(c.slug, c.name, c.role, c.user) for c in story.byline_contributors] == [
        ("afp", "AFP", "agency", None),
        ("karim-benali", "Karim Benali", "reporter", None),
    ]
    assert export() == first


def test_known_contributors_are_matched_by_slug_then_by_name_and_kept_as_they_are(db):
    kept = ContributorFactory(name="Karim Benali", slug="karim", bio="Au service Tech.")
    named = ContributorFactory(name="Léa Fontaine", slug="lea")
    load(
        story(
            contributors=[
                {"name": "K. Benali", "slug": "karim", "role": "columnist"},
                {"name": "Léa Fontaine", "slug": "l-fontaine", "role": "correspondent"},
                {"name": "Reuters", "role": "agency"},
            ]
        )
    )
    signed = Article.objects.get(uuid=STORY_ID).byline_contributors
    assert [c.pk for c in signed[:2]] == [kept.pk, named.pk]
    kept.refresh_from_db()
    assert (kept.name, kept.role, kept.bio) == ("Karim Benali", "reporter", "Au service Tech.")
    assert (signed[2].name, signed[2].slug, signed[2].role) == ("Reuters", "reuters", "agency")


def test_older_files_name_accounts_and_still_sign_the_story(db):
    account = UserFactory(username="hgarnier", first_name="Hélène", last_name="Garnier")
    helene = ContributorFactory(name="H. Garnier", slug="helene", user=account)
    load(
        story(
            authors=[
                {"username": "hgarnier", "name": "Hélène Garnier"},
                {"username": "ghost", "name": "Ghost Writer"},
            ]
        )
    )
    signed = Article.objects.get(uuid=STORY_ID).byline_contributors
    assert [c.name for c in signed] == ["H. Garnier", "Ghost Writer"]
    assert signed[0].pk == helene.pk and signed[1].user is None


@pytest.mark.parametrize(
    "entries, field, words",
    [
        ([{"name": "AFP", "role": "wire"}], "contributors[0].role", "'wire' is not one of"),
        ([{"slug": "afp"}], "contributors[0].name", "needs a name"),
        ([{"name": "AFP"}, {"name": "AFP"}], "contributors[1]", "signs twice"),
        ("AFP", "contributors", "expected a list of objects"),
        ([{"name": "AFP", "slug": "a f p"}], "contributors[0].slug", "slug"),
    ],
)
def test_a_bad_byline_names_the_line_and_field_and_imports_nothing(db, entries, field, words):
    with pytest.raises(ImportFailed) as failure:
        load(story(uuid="00000000-0000-4000-8000-000000000002"), story(contributors=entries))
    assert (failure.value.line, failure.value.field) == (2, field)
    assert words in failure.value.message
    assert not Article.objects.exists() and not Contributor.objects.exists()

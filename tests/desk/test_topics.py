"""Topics on the story form: the autocomplete endpoint, and the form that creates a new topic
only when the editor confirmed it (with JavaScript: the "Create topic" option; without: the
box shown after the refusal)."""

import json

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article, ChangeProposal
from tests.admin_forms import change_url, error_fields, form_values
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/admin/articles/article/desk/topics/"


@pytest.fixture(autouse=True)
def _english(english):
    """Messages are asserted in English."""


@pytest.fixture
def vocabulary(db):
    election = Tag.objects.create(name="Élection", slug="election")
    for _ in range(2):
        ArticleFactory().tags.add(election)
    Tag.objects.create(name="Électeurs", slug="electeurs")
    Tag.objects.create(name="Loi électorale", slug="loi-electorale")
    Tag.objects.create(name="Sélection", slug="selection")
    return election


def ask(client, query):
    response = client.get(URL, {"q": query})
    return response.status_code, response.json()


def test_the_route_is_the_story_admins():
    assert reverse("admin:articles_article_topics") == URL


def test_typed_without_accents_or_capitals_the_topics_are_offered(client, editor, vocabulary):
    client.force_login(editor)
    status, data = ask(client, "ELEC")
    assert status == 200
    assert [(r["name"], r["uses"]) for r in data["results"]] == [
        ("Élection", 2),
        ("Électeurs", 0),
        ("Loi électorale", 0),
    ]
    assert data["results"][0]["detail"] == "2 stories"
    assert data["new"]["create"] is True
    assert data["new"]["label"] == "Create topic “ELEC”"


def test_an_existing_topic_typed_in_full_offers_no_creation(client, editor, vocabulary):
    client.force_login(editor)
    assert ask(client, "élection")[1]["new"] is None


def test_the_same_topic_written_differently_is_offered_instead(client, editor, vocabulary):
    client.force_login(editor)
    _status, data = ask(client, "election")
    assert data["new"] == {
        "name": "election",
        "create": False,
        "label": "Create topic “election”",
        "message": "Did you mean “Élection”?",
    }
    assert data["results"][0]["name"] == "Élection"


def test_a_misspelling_is_pointed_out_and_the_topic_offered(client, editor, vocabulary):
    client.force_login(editor)
    _status, data = ask(client, "electoin")
    assert data["new"]["create"] is True
    assert data["new"]["message"] == "Did you mean “Élection”?"
    assert "Élection" in [r["name"] for r in data["results"]]


def test_a_name_no_topic_may_have_cannot_be_created(client, editor, vocabulary):
    client.force_login(editor)
    _status, data = ask(client, "--")
    assert data["new"]["create"] is False
    assert "letter or digit" in data["new"]["message"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "The parameter “q” is missing."),
        ({"q": "x" * 101}, "The parameter “q” is longer than 100 characters."),
    ],
)
def test_a_bad_query_is_a_400_naming_it(client, editor, params, message):
    client.force_login(editor)
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response.json() == {"error": message, "parameter": "q"}


def test_only_a_get(client, editor):
    client.force_login(editor)
    assert client.post(URL, {"q": "x"}).status_code == 405


def test_staff_who_may_not_edit_stories_get_a_403(client, export_staff):
    client.force_login(export_staff)
    response = client.get(URL, {"q": "elec"})
    assert response.status_code == 403
    assert response.json()["error"] == "You may not edit stories."


def test_a_reporter_may_ask(client, reporter, vocabulary):
    client.force_login(reporter)
    assert ask(client, "elec")[0] == 200


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(URL, {"q": "elec"})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_queries_do_not_grow_with_the_vocabulary(client, editor, vocabulary):
    client.force_login(editor)
    ask(client, "elec")  # warm the session, the user and their permissions

    def counted(query):
        with CaptureQueriesContext(connection) as queries:
            assert ask(client, query)[0] == 200
        return len(queries)

    few = counted("elec")
    assert counted("electoin") <= few + 1  # the near-duplicates: one more read
    Tag.objects.bulk_create(Tag(name=f"Élection {n}", slug=f"election-{n}") for n in range(300))
    many = counted("elec")  # more matches than are ranked: the typed name is looked up
    Tag.objects.bulk_create(Tag(name=f"Électeur {n}", slug=f"electeur-{n}") for n in range(600))
    assert counted("elec") == many <= few + 2 <= 8


# The story form ------------------------------------------------------------------------------


@pytest.fixture
def story(vocabulary):
    return ArticleFactory(title="Le scrutin", tags=["Élection"], status=Article.Status.DRAFT)


def save(client, story, **changes):
    values = form_values(client.get(change_url(story)))
    values.update(changes)
    return client.post(change_url(story), values)


def errors_of(response, field="tags"):
    tree = lxml.html.fromstring(response.content.decode())
    return [li.text_content() for li in tree.xpath(f'//ul[@id="id_{field}_error"]/li')]


def test_the_form_shows_the_topics_widget_with_its_source(client, editor, story):
    client.force_login(editor)
    page = lxml.html.fromstring(client.get(change_url(story)).content.decode())
    [box] = page.xpath('//div[@class="desk-topics"]')
    assert box.get("data-source") == URL
    assert box.xpath('.//input[@name="tags"]/@value') == ["Élection"]
    assert box.xpath('.//input[@name="new_topics"]/@type') == ["hidden"]
    assert page.xpath('//script[contains(@src, "admin-desk/topics")]')


def test_the_form_refuses_a_new_topic_then_the_ticked_box_creates_it(client, editor, story):
    client.force_login(editor)
    response = save(client, story, tags=["Élection, Fusées"])
    assert response.status_code == 200
    assert error_fields(response) == {"tags"}
    assert errors_of(response) == [
        "“Fusées” is not a topic yet.",
        "To create a new topic, tick “Create the new topics” and save again.",
    ]
    assert not Tag.objects.filter(name="Fusées").exists()
    # Without JavaScript: the box under the field confirms the names refused.
    page = lxml.html.fromstring(response.content.decode())
    [box] = page.xpath('//p[@class="desk-topics-create"]')
    assert " ".join(box.text_content().split()) == "Create the new topics: Fusées"
    assert box.xpath(".//input/@value") == ["Fusées"]
    values = form_values(response)  # the box is left unticked as the page shows it
    values["new_topics"] = [*values["new_topics"], "Fusées"]
    assert client.post(change_url(story), values).status_code == 302
    assert sorted(story.tags.names()) == ["Fusées", "Élection"]


def test_the_widgets_confirmation_creates_a_new_topic(client, editor, story):
    client.force_login(editor)
    response = save(client, story, tags=['Élection, "Vote blanc"'], new_topics=['"Vote blanc"'])
    assert response.status_code == 302
    assert sorted(story.tags.names()) == ["Vote blanc", "Élection"]


def test_the_form_refuses_the_same_topic_written_differently(client, editor, story):
    client.force_login(editor)
    response = save(client, story, tags=["election"], new_topics=["election"])
    assert errors_of(response) == [
        "“election” is the topic “Élection” written differently: use “Élection”."
    ]
    assert list(story.tags.names()) == ["Élection"]


def test_the_form_points_out_a_close_topic(client, editor, story):
    client.force_login(editor)
    response = save(client, story, tags=["Elections"])
    assert errors_of(response)[0] == "“Elections” is not a topic yet. Did you mean “Élection”?"


def test_an_unchanged_story_saves_without_any_confirmation(client, editor, story):
    client.force_login(editor)
    assert save(client, story, title=["Le second tour"]).status_code == 302
    assert list(story.tags.names()) == ["Élection"]


def test_a_reporters_confirmed_topic_on_a_live_story_waits_and_is_created_on_approval(
    client, reporter, vocabulary
):
    live = ArticleFactory(tags=["Élection"])
    client.force_login(reporter)
    response = save(client, live, tags=["Élection, Abstention"], new_topics=["Abstention"])
    assert response.status_code == 302
    assert not Tag.objects.filter(name="Abstention").exists()  # proposed, not written
    proposal = ChangeProposal.objects.get(article=live)
    client.force_login(UserFactory(username="chief", groups=["Editor"]))
    approve = reverse("admin:articles_changeproposal_approve", args=[proposal.pk])
    assert client.post(approve).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "approved"
    assert sorted(live.tags.names()) == ["Abstention", "Élection"]


def test_a_topic_spelt_with_a_sharp_s_is_known_to_the_list(client, editor):
    Tag.objects.create(name="Straße", slug="strasse")
    client.force_login(editor)
    for typed in ("Straße", "strasse"):  # the same name, case aside (casefold: ß is ss)
        _status, data = ask(client, typed)
        assert data["new"] is None
        assert [r["name"] for r in data["results"]] == ["Straße"]


def test_half_a_surrogate_pair_is_a_400_not_a_500(rf, editor):
    from desk.topics import topics_autocomplete

    request = rf.get(URL)
    request.GET = request.GET.copy()
    request.GET["q"] = "élec\ud800"
    request.user = editor
    response = topics_autocomplete(request)
    assert response.status_code == 400
    assert json.loads(response.content)["parameter"] == "q"

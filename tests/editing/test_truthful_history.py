"""The history compare page reports what editors changed, and nothing else."""

import pytest
from django.urls import reverse
from reversion.models import Version

from actors.models import Relationship, RelationshipKind
from articles.models import Article, ArticleActor
from tests.admin_forms import change_url, form_values
from tests.factories import ActorFactory, ArticleActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db


def save(client, article, **changes):
    """Submit the story's change form as a browser does: textareas with CRLF line endings."""
    data = form_values(client.get(change_url(article)))
    for name, value in changes.items():
        data[name] = [value]
    data = {
        name: [value.replace("\r\n", "\n").replace("\n", "\r\n") for value in values]
        for name, values in data.items()
    }
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["errors"]


def compare_after(client, article, **changes) -> str:
    """The compare page for one change made after a first browser save of the story."""
    save(client, article)
    save(client, article, **changes)
    return latest_compare(client, article)


def latest_compare(client, article) -> str:
    version = Version.objects.get_for_object(article).order_by("-pk").first()
    url = reverse("admin:articles_article_compare", args=[article.pk, version.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def story(editor):
    article = ArticleFactory(
        title="Musk et Bezos dînent", body="Premier paragraphe.\n\nSecond paragraphe."
    )
    article.tags.add("espace", "élection")
    musk, bezos = ActorFactory(name="Elon Musk"), ActorFactory(name="Jeff Bezos")
    ArticleActorFactory(article=article, actor=musk, role=ArticleActor.Role.ABOUT)
    ArticleActorFactory(article=article, actor=bezos, role=ArticleActor.Role.MENTIONS)
    kind = RelationshipKind.objects.get(label="rival of")
    relationship = Relationship.objects.create(source=musk, kind=kind, target=bezos)
    relationship.evidence.add(article)
    return article


def test_a_browser_save_stores_plain_newlines_and_changes_nothing(client, editor, story):
    client.force_login(editor)
    save(client, story)
    story.refresh_from_db()
    assert "\r" not in story.body
    assert story.body == "Premier paragraphe.\n\nSecond paragraphe."
    save(client, story)
    page = latest_compare(client, story)
    assert "No field changed." in page
    assert "Body" not in page


def test_a_headline_change_shows_only_the_headline(client, editor, story):
    client.force_login(editor)
    page = compare_after(client, story, title="Musk et Bezos dînent ensemble")
    assert "Musk et Bezos dînent ensemble" in page
    # Tags and tagged actors whose descriptions name the story are the same rows.
    assert "desk-added" not in page and "desk-removed" not in page
    # Relationships are not part of the story's own history.
    assert "<h2>Relationships</h2>" not in page
    assert "Rendered body" not in page and "rendered body" not in page


def test_a_body_change_is_shown_word_by_word(client, editor, story):
    client.force_login(editor)
    page = compare_after(client, story, body="Premier paragraphe.\n\nTroisième <b>paragraphe</b>.")
    assert "<del>Second paragraphe.</del>" in page
    assert "<ins>Troisième &lt;b&gt;paragraphe&lt;/b&gt;.</ins>" in page
    assert "<b>paragraphe</b>" not in page  # the editor's text is shown, never run


def test_untagging_an_actor_is_still_reported(client, editor, story):
    client.force_login(editor)
    save(client, story)
    data = form_values(client.get(change_url(story)))
    for key, value in list(data.items()):
        if key.startswith("actor_tags-") and key.endswith("-actor") and value[0]:
            if value[0] == str(story.actors.get(name="Jeff Bezos").pk):
                data[key.replace("-actor", "-DELETE")] = ["on"]
    assert client.post(change_url(story), data).status_code == 302
    page = latest_compare(client, story)
    assert "− Jeff Bezos (mentions)" in page
    assert Article.objects.get(pk=story.pk).actors.count() == 1

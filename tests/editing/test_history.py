import pytest
from django.urls import reverse
from django.utils import translation
from reversion.models import Version

from articles.models import Article, ArticleActor
from articles.services import article_publish, article_tag_actor
from tests.admin_forms import change_url, form_values
from tests.factories import ActorFactory, ArticleActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db


def tag_rows(data):
    """Inline row index -> actor id, for the tagged-actor rows of a form."""
    return {
        key.split("-")[1]: value[0]
        for key, value in data.items()
        if key.startswith("actor_tags-") and key.endswith("-actor") and value[0]
    }


def tags(article):
    return {(t.actor.name, t.role) for t in article.actor_tags.select_related("actor")}


def save_with_tags_changed(client, article, *, remove, add):
    """Through the story's change form: untag ``remove``, tag ``add`` as "quoted"."""
    data = form_values(client.get(change_url(article)))
    for index, actor_id in tag_rows(data).items():
        if actor_id == str(remove.pk):
            data[f"actor_tags-{index}-DELETE"] = ["on"]
    extra = data["actor_tags-TOTAL_FORMS"][0]
    data[f"actor_tags-{int(extra) - 1}-actor"] = [str(add.pk)]
    data[f"actor_tags-{int(extra) - 1}-role"] = [ArticleActor.Role.QUOTED]
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["errors"]


def test_history_shows_who_changed_a_storys_actors_and_restore_brings_them_back(client, editor):
    client.force_login(editor)
    article = ArticleFactory(title="Le dîner de Mar-a-Lago")
    musk = ActorFactory(name="Elon Musk")
    bezos = ActorFactory(name="Jeff Bezos")
    ArticleActorFactory(article=article, actor=musk, role=ArticleActor.Role.ABOUT)
    # A first save through the admin records the state with Musk tagged.
    response = client.post(change_url(article), form_values(client.get(change_url(article))))
    assert response.status_code == 302

    save_with_tags_changed(client, article, remove=musk, add=bezos)
    assert tags(article) == {("Jeff Bezos", "quoted")}

    history = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    page = history.content.decode()
    assert history.status_code == 200
    assert editor.get_full_name() in page and "(editor)" in page
    versions = list(Version.objects.get_for_object(article).order_by("pk"))
    assert len(versions) == 2
    assert versions[-1].revision.user == editor

    # The compare page tells what happened to the tags in the latest entry.
    compare = client.get(
        reverse("admin:articles_article_compare", args=[article.pk, versions[-1].pk])
    )
    assert compare.status_code == 200
    text = compare.content.decode()
    assert "+ Jeff Bezos (quoted)" in text
    assert "− Elon Musk (about)" in text

    # Restore the first entry: its form, submitted, puts Musk back and removes Bezos.
    revert_url = reverse("admin:articles_article_revision", args=[article.pk, versions[0].pk])
    revert_form = client.get(revert_url)
    assert revert_form.status_code == 200
    assert tags(article) == {("Jeff Bezos", "quoted")}  # looking does not restore
    response = client.post(revert_url, form_values(revert_form))
    assert response.status_code == 302, response.context and response.context["errors"]
    assert tags(article) == {("Elon Musk", "about")}


def test_restoring_keeps_the_lock_version_counting_up(client, editor):
    client.force_login(editor)
    article = ArticleFactory(title="Premier titre")
    data = form_values(client.get(change_url(article)))
    client.post(change_url(article), data)
    data = form_values(client.get(change_url(article)))
    data["title"] = ["Second titre"]
    client.post(change_url(article), data)
    article.refresh_from_db()
    assert article.title == "Second titre"
    before = article.version

    first = Version.objects.get_for_object(article).order_by("pk").first()
    revert_url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
    response = client.post(revert_url, form_values(client.get(revert_url)))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Premier titre"
    assert article.version == before + 1


def test_services_record_the_user_and_what_they_did(editor):
    article = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    musk = ActorFactory(name="Elon Musk")

    with translation.override("en"):
        article_tag_actor(article=article, actor=musk, role="about", by=editor)
        article_publish(article=article, by=editor)

    revisions = [v.revision for v in Version.objects.get_for_object(article).order_by("pk")]
    assert [r.user for r in revisions] == [editor, editor]
    assert revisions[0].comment.startswith("Tagged Elon Musk")
    assert revisions[1].comment == "Published"
    # The entry holds the story's tags as they were, and the version as an integer.
    assert Version.objects.get_for_object(article).first().field_dict["version"] == 2
    with translation.override("en"):
        assert any(v.object_repr == "Elon Musk (about)" for v in revisions[0].version_set.all())


def test_actor_history_shows_aliases(client, editor):
    client.force_login(editor)
    actor = ActorFactory(name="Lauren Sánchez")
    data = form_values(
        client.get(reverse("admin:actors_actor_change", args=[actor.pk])), "actor_form"
    )
    data["aliases-0-name"] = ["Lauren Sanchez"]
    response = client.post(reverse("admin:actors_actor_change", args=[actor.pk]), data)
    assert response.status_code == 302, response.context and response.context["errors"]

    version = Version.objects.get_for_object(actor).get()
    assert version.revision.user == editor
    assert {v.object_repr for v in version.revision.version_set.all()} == {
        "Lauren Sánchez",
        "Lauren Sanchez",
    }
    history = client.get(reverse("admin:actors_actor_history", args=[actor.pk]))
    assert "(editor)" in history.content.decode()


def test_an_entry_saved_by_a_script_can_be_compared(client, editor):
    """Imports, load_demo and scripts save history without a user: the page still opens."""
    article = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    article_tag_actor(article=article, actor=ActorFactory(name="Jeff Bezos"), by=None)
    version = Version.objects.get_for_object(article).first()
    assert version.revision.user is None
    client.force_login(editor)
    response = client.get(reverse("admin:articles_article_compare", args=[article.pk, version.pk]))
    assert response.status_code == 200
    assert "Saved on" in response.content.decode()

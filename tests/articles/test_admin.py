import pytest
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, ArticleActor
from tests.admin_forms import form_values
from tests.factories import (
    ActorFactory,
    ArticleActorFactory,
    ArticleFactory,
    CorrectionFactory,
    RelatedArticleFactory,
)

CHANGELIST = reverse("admin:articles_article_changelist")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.mark.django_db
def test_article_changelist_filters_by_tag(client, superuser):
    client.force_login(superuser)
    ArticleFactory(title="Budget vote", tags=["budget"])
    ArticleFactory(title="Football final", tags=["sport"])
    Tag.objects.create(name="unused", slug="unused")

    response = client.get(CHANGELIST)
    filters = response.context["cl"].filter_specs
    tag_filter = next(f for f in filters if getattr(f, "field_path", "") == "tags")
    assert {label for _, label in tag_filter.lookup_choices} == {"budget", "sport"}

    sport = next(pk for pk, label in tag_filter.lookup_choices if label == "sport")
    response = client.get(CHANGELIST, {"tags__id__exact": sport})
    assert [a.title for a in response.context["cl"].result_list] == ["Football final"]


@pytest.mark.django_db
def test_article_change_form_shows_actor_related_and_correction_inlines(client, superuser):
    client.force_login(superuser)
    article = ArticleFactory()
    ArticleActorFactory(article=article, actor=ActorFactory(name="Lauren Sánchez"))
    RelatedArticleFactory(from_article=article, to_article=ArticleFactory(title="Earlier story"))
    CorrectionFactory(article=article, text="A name was misspelt.")

    response = client.get(change_url(article))

    assert response.status_code == 200
    inlines = {f.opts.model._meta.model_name for f in response.context["inline_admin_formsets"]}
    assert inlines == {
        "byline",
        "articleactor",
        "relatedarticle",
        "correction",
        "relationship_evidence",
    }
    page = response.content.decode()
    assert "Lauren Sánchez" in page
    assert "Earlier story" in page
    assert "A name was misspelt." in page


@pytest.mark.django_db
def test_article_admin_edits_tagged_actors(client, editor):
    client.force_login(editor)
    article = ArticleFactory()
    tag = ArticleActorFactory(article=article, role=ArticleActor.Role.ABOUT)
    newcomer = ActorFactory(name="Jeff Bezos")
    data = form_values(client.get(change_url(article)))

    data["actor_tags-0-role"] = [ArticleActor.Role.MENTIONS]
    data["actor_tags-1-actor"] = [str(newcomer.pk)]
    data["actor_tags-1-role"] = [ArticleActor.Role.QUOTED]
    data["actor_tags-1-position"] = ["1"]
    response = client.post(change_url(article), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    tags = {(t.actor_id, t.role) for t in article.actor_tags.all()}
    assert tags == {
        (tag.actor_id, ArticleActor.Role.MENTIONS),
        (newcomer.pk, ArticleActor.Role.QUOTED),
    }


@pytest.mark.django_db
def test_reporter_cannot_publish_through_the_change_form(client, reporter):
    client.force_login(reporter)
    article = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    page = client.get(change_url(article))
    offered = [value for value, _ in page.context["adminform"].form.fields["status"].widget.choices]
    assert Article.Status.PUBLISHED not in offered
    data = form_values(page)

    data["status"] = [Article.Status.PUBLISHED]
    response = client.post(change_url(article), data)

    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.first_published_at is None


@pytest.mark.django_db
def test_reporter_cannot_unpublish_or_reschedule_through_the_change_form(client, reporter):
    client.force_login(reporter)
    article = ArticleFactory(status=Article.Status.PUBLISHED)
    data = form_values(client.get(change_url(article)))

    publish_at = article.publish_at

    data["status"] = [Article.Status.DRAFT]
    data["publish_at_0"] = ["2099-01-01"]  # a far future time would hide it as well
    data["title"] = ["A corrected headline"]
    response = client.post(change_url(article), data)

    assert response.status_code == 302
    article.refresh_from_db()
    # A live story: the headline waits for an editor (tests/articles/test_proposals.py) ...
    assert article.title != "A corrected headline"
    assert article.status == Article.Status.PUBLISHED
    assert article.publish_at == publish_at
    # ... and the proposal keeps the story's status and time, not the forged ones.
    proposed = article.change_proposals.get().data
    assert proposed["title"] == ["A corrected headline"]
    assert proposed["status"] == [Article.Status.PUBLISHED]
    assert proposed["publish_at_0"] == [timezone.localtime(publish_at).date().isoformat()]


@pytest.mark.django_db
def test_editor_saving_as_published_sets_publication_dates(client, editor):
    client.force_login(editor)
    article = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    data = form_values(client.get(change_url(article)))

    data["status"] = [Article.Status.PUBLISHED]
    response = client.post(change_url(article), data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.publish_at is not None
    assert article.first_published_at == article.publish_at
    assert article.is_public


def post_action(client, action, *articles):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [a.pk for a in articles]},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",  # the messages asserted on are the English msgids
    )


@pytest.mark.django_db
def test_editor_publish_action_publishes(client, editor):
    client.force_login(editor)
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)

    response = post_action(client, "publish", draft)

    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED
    assert draft.first_published_at is not None
    assert draft.publish_at == draft.first_published_at
    assert "1 story published." in [str(m) for m in response.context["messages"]]


@pytest.mark.django_db
def test_editor_unpublish_action_returns_story_to_draft(client, editor):
    client.force_login(editor)
    story = ArticleFactory(status=Article.Status.PUBLISHED)

    post_action(client, "unpublish", story)

    story.refresh_from_db()
    assert story.status == Article.Status.DRAFT


@pytest.mark.django_db
def test_reporter_sees_no_publish_actions(client, reporter):
    client.force_login(reporter)
    ArticleFactory()

    response = client.get(CHANGELIST)

    actions = {name for name, _ in response.context["action_form"].fields["action"].choices}
    assert "submit_for_review" in actions
    assert "publish" not in actions
    assert "unpublish" not in actions


@pytest.mark.django_db
def test_reporter_cannot_publish_with_the_action(client, reporter):
    client.force_login(reporter)
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)

    post_action(client, "publish", draft)

    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert draft.first_published_at is None


@pytest.mark.django_db
def test_reporter_submits_a_draft_for_review(client, reporter):
    client.force_login(reporter)
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)

    post_action(client, "submit_for_review", draft)

    draft.refresh_from_db()
    assert draft.status == Article.Status.REVIEW


@pytest.mark.django_db
def test_a_body_longer_than_the_limit_is_refused_by_name_and_the_story_kept(client, editor):
    from articles.models.stories import BODY_MAX_LENGTH

    client.force_login(editor)
    article = ArticleFactory(status=Article.Status.DRAFT, body="Le texte d’origine.")
    data = form_values(client.get(change_url(article)))
    # Hostile Markdown (nested brackets) costs the most to render: refused before rendering.
    data["body"] = ["[" * (BODY_MAX_LENGTH + 1)]

    response = client.post(change_url(article), data, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "200000" in " ".join(errors["body"]).replace(",", "").replace("\u202f", "")
    article.refresh_from_db()
    assert article.body == "Le texte d’origine."

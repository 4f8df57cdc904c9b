import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation
from reversion.models import Version

from actors.models import Relationship
from articles.models import Article, Correction
from articles.services import (
    article_publish,
    article_submit,
    article_unpublish,
    correction_add,
)
from tests.admin_forms import form_values
from tests.factories import ActorFactory, ArticleActorFactory, ArticleFactory, RelationshipFactory

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2025, 3, 3, 12, 0, tzinfo=dt.UTC)


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def draft():
    return ArticleFactory(status=Article.Status.DRAFT, publish_at=None)


def test_reporter_submits_a_draft_for_review_but_cannot_publish(reporter):
    article = draft()

    article_submit(article=article, by=reporter)
    assert article.status == Article.Status.REVIEW
    with pytest.raises(PermissionDenied):
        article_publish(article=article, by=reporter)

    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    assert article.first_published_at is None


def test_first_publication_date_is_set_once(editor):
    article = draft()

    article_publish(article=article, by=editor, publish_at=NOON)
    article_unpublish(article=article, by=editor)
    article_publish(article=article, by=editor, publish_at=NOON + dt.timedelta(days=2))

    article.refresh_from_db()
    assert article.first_published_at == NOON
    assert article.publish_at == NOON + dt.timedelta(days=2)


def test_scheduled_story_is_public_only_once_its_time_has_come(editor):
    article = draft()
    article_publish(article=article, by=editor, publish_at=NOON)

    assert article.status == Article.Status.PUBLISHED
    assert article not in Article.objects.published(now=NOON - dt.timedelta(minutes=1))
    assert article in Article.objects.published(now=NOON)


def test_each_workflow_step_moves_the_version_and_is_in_the_history(editor, reporter):
    article = draft()
    start = article.version

    with translation.override("en"):
        article_submit(article=article, by=reporter)
        article_publish(article=article, by=editor)
        article_unpublish(article=article, by=editor, status=Article.Status.REVIEW)

    assert article.version == start + 3
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    entries = Version.objects.get_for_object(article).order_by("pk")
    assert [(v.revision.comment, v.revision.user) for v in entries] == [
        ("Submitted for review", reporter),
        ("Published", editor),
        ("Unpublished", editor),
    ]


def test_unpublishing_from_the_change_form_goes_through_the_service(client, editor):
    client.force_login(editor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the history comment asserted below
    article = ArticleFactory()
    start = article.version
    data = form_values(client.get(change_url(article)))

    data["status"] = [Article.Status.REVIEW]
    response = client.post(change_url(article), data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    assert not article.is_public
    assert article.version == start + 2  # the save, then article_unpublish
    entry = Version.objects.get_for_object(article).get().revision
    assert (entry.user, entry.comment) == (editor, "Changed Status.")


def test_correction_from_the_story_form_flags_evidenced_relationships(client, editor):
    client.force_login(editor)
    article = ArticleFactory(slug="le-diner")
    before = article.updated_at
    reported = RelationshipFactory()
    reported.evidence.add(article)
    elsewhere = RelationshipFactory()
    data = form_values(client.get(change_url(article)))

    data["corrections-TOTAL_FORMS"] = ["1"]
    data["corrections-0-text"] = ["Le dîner a eu lieu mercredi, pas jeudi."]
    data["corrections-0-published_at_0"] = ["2025-03-03"]
    data["corrections-0-published_at_1"] = ["09:30:00"]
    response = client.post(change_url(article), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    correction = article.corrections.get()
    assert correction.text == "Le dîner a eu lieu mercredi, pas jeudi."
    article.refresh_from_db()
    assert article.updated_at > before
    reported.refresh_from_db()
    elsewhere.refresh_from_db()
    assert reported.needs_review and not elsewhere.needs_review

    # Readers see it, dated, on the story page.
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Le dîner a eu lieu mercredi, pas jeudi." in page
    assert 'datetime="2025-03-03T09:30:00+01:00"' in page

    # The relationships list filters what needs review.
    listing = client.get(
        reverse("admin:actors_relationship_changelist"), {"needs_review__exact": "1"}
    )
    assert list(listing.context["cl"].result_list) == [reported]


def test_correction_added_from_the_correction_admin_also_goes_through_the_service(client, editor):
    client.force_login(editor)
    article = ArticleFactory()
    reported = RelationshipFactory()
    reported.evidence.add(article)

    response = client.post(
        reverse("admin:articles_correction_add"),
        {
            "article": article.pk,
            "text": "Une date était fausse.",
            "published_at_0": "2025-03-03",
            "published_at_1": "10:00:00",
        },
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    assert Correction.objects.get().article == article
    reported.refresh_from_db()
    assert reported.needs_review


def test_correction_service_needs_the_permission(reporter):
    with pytest.raises(PermissionDenied):
        correction_add(article=ArticleFactory(), text="Non.", by=reporter)


def test_story_form_records_relationships_it_reports(client, editor):
    client.force_login(editor)
    article = ArticleFactory()
    rivalry = RelationshipFactory()
    data = form_values(client.get(change_url(article)))

    prefix = next(key for key in data if key.endswith("-TOTAL_FORMS") and "evidence" in key)[
        : -len("-TOTAL_FORMS")
    ]
    data[f"{prefix}-TOTAL_FORMS"] = ["1"]
    data[f"{prefix}-0-relationship"] = [str(rivalry.pk)]
    response = client.post(change_url(article), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert list(rivalry.evidence.all()) == [article]


def test_desk_records_a_new_relationship_between_tagged_actors(client, editor):
    client.force_login(editor)
    article = ArticleFactory()
    musk, bezos = ActorFactory(name="Elon Musk"), ActorFactory(name="Jeff Bezos")
    ArticleActorFactory(article=article, actor=musk)
    ArticleActorFactory(article=article, actor=bezos)
    rival_of = Relationship._meta.get_field("kind").related_model.objects.get(slug="rival-of")

    response = client.post(
        reverse("admin:articles_article_desk_relationship", args=[article.pk]),
        {"source": musk.pk, "kind": rival_of.pk, "target": bezos.pk, "status": "reported"},
    )

    assert response.status_code == 302
    relationship = Relationship.objects.get()
    assert (relationship.source, relationship.target) == (musk, bezos)
    assert list(relationship.evidence.all()) == [article]


def test_desk_relationship_only_between_actors_the_story_tags(client, editor):
    client.force_login(editor)
    article = ArticleFactory()
    musk, stranger = ActorFactory(), ActorFactory()
    ArticleActorFactory(article=article, actor=musk)
    rival_of = Relationship._meta.get_field("kind").related_model.objects.get(slug="rival-of")

    response = client.post(
        reverse("admin:articles_article_desk_relationship", args=[article.pk]),
        {"source": musk.pk, "kind": rival_of.pk, "target": stranger.pk, "status": "reported"},
        HTTP_ACCEPT="application/json",
    )

    assert response.status_code == 400
    assert not Relationship.objects.exists()


def test_editor_publish_action_records_the_first_publication(client, editor):
    client.force_login(editor)
    article = draft()
    now = timezone.now()

    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk]},
    )

    article.refresh_from_db()
    assert article.is_public
    assert article.first_published_at >= now

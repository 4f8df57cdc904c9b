"""Roles: a reporter can neither publish, merge nor export; editors publish and merge; only
export staff export. Each refusal is checked where a reporter could try it."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from actors.models import Actor
from actors.services import actor_merge
from articles.models import Article
from articles.services import article_publish, article_unpublish
from tests.factories import ActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db

ARTICLES = reverse("admin:articles_article_changelist")
ACTORS = reverse("admin:actors_actor_changelist")
PUBLISH, MERGE, EXPORT = "articles.publish_article", "actors.merge_actor", "articles.export_article"


def perms(group):
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=group).permissions.select_related("content_type")
    }


def offered_actions(client, url):
    form = client.get(url).context["action_form"]
    return set() if form is None else {name for name, _ in form.fields["action"].choices}


def test_roles_hold_exactly_the_sensitive_permissions_they_should():
    reporter, editor, export_staff = perms("Reporter"), perms("Editor"), perms("Export staff")
    assert not {PUBLISH, MERGE, EXPORT} & reporter
    assert {PUBLISH, MERGE} <= editor and EXPORT not in editor
    assert EXPORT in export_staff and not {PUBLISH, MERGE} & export_staff


def test_users_in_the_groups_get_them(reporter, editor, export_staff):
    assert not any(reporter.has_perm(p) for p in (PUBLISH, MERGE, EXPORT))
    assert editor.has_perm(PUBLISH) and editor.has_perm(MERGE)
    assert not editor.has_perm(EXPORT)
    assert export_staff.has_perm(EXPORT)


def test_reporter_cannot_publish_or_unpublish_through_the_services(reporter):
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    live = ArticleFactory()
    with pytest.raises(PermissionDenied):
        article_publish(article=draft, by=reporter)
    with pytest.raises(PermissionDenied):
        article_unpublish(article=live, by=reporter)
    draft.refresh_from_db()
    live.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert live.status == Article.Status.PUBLISHED


def test_reporter_cannot_publish_with_a_forged_action(client, reporter):
    client.force_login(reporter)
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)

    assert "publish" not in offered_actions(client, ARTICLES)
    client.post(ARTICLES, {"action": "publish", "_selected_action": [draft.pk]})

    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_reporter_cannot_merge_by_service_or_admin(client, reporter):
    keep, drop = ActorFactory(name="Elon Musk"), ActorFactory(name="Elon R. Musk")
    with pytest.raises(PermissionDenied):
        actor_merge(keep=keep, drop=drop, by=reporter)

    client.force_login(reporter)
    assert "merge_actors" not in offered_actions(client, ACTORS)
    client.post(
        ACTORS,
        {
            "action": "merge_actors",
            "_selected_action": [keep.pk, drop.pk],
            "keep": keep.pk,
            "post": "yes",
        },
    )
    assert Actor.objects.filter(pk=drop.pk).exists()


def test_editor_sees_publish_and_merge_but_no_export(client, editor):
    client.force_login(editor)
    ArticleFactory()
    ActorFactory()
    article_actions = offered_actions(client, ARTICLES)
    assert {"publish", "unpublish"} <= article_actions
    assert not {a for a in article_actions if a.startswith("export_")}
    assert "merge_actors" in offered_actions(client, ACTORS)


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_only_export_staff_are_offered_or_can_run_the_export_actions(client, role, request):
    user = request.getfixturevalue(role)
    client.force_login(user)
    story = ArticleFactory()

    assert not {a for a in offered_actions(client, ARTICLES) if a.startswith("export_")}
    response = client.post(ARTICLES, {"action": "export_csv", "_selected_action": [story.pk]})
    assert not getattr(response, "streaming", False)


def test_export_staff_are_offered_the_export_actions(client, export_staff):
    client.force_login(export_staff)
    ArticleFactory()
    assert {"export_csv", "export_jsonl", "export_ninjs"} <= offered_actions(client, ARTICLES)


def test_editors_look_after_actor_redirects_reporters_do_not(editor, reporter):
    assert editor.has_perm("actors.view_actorredirect")
    assert editor.has_perm("actors.delete_actorredirect")
    assert not reporter.has_perm("actors.view_actorredirect")

from unittest.mock import patch

import lxml.html
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from reversion.models import Version

from actors.models import Actor, ActorRedirect, Alias, Relationship, RelationshipKind
from actors.services import actor_merge
from articles.models import ArticleActor
from tests.factories import (
    ActorFactory,
    AliasFactory,
    ArticleActorFactory,
    ArticleFactory,
    RelationshipFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:actors_actor_changelist")


@pytest.fixture
def twins():
    """The same man entered twice, each with their own tags, aliases and relationships."""
    keep = ActorFactory(name="Elon Musk", slug="elon-musk", wikidata_id="Q317521")
    drop = ActorFactory(
        name="Elon R. Musk", slug="elon-r-musk", description="Patron de SpaceX.", website=""
    )
    AliasFactory(actor=keep, name="Musk")
    AliasFactory(actor=drop, name="musk")  # folds like keep's: not moved twice
    AliasFactory(actor=drop, name="Elon Reeve Musk")
    return keep, drop


def kind(slug):
    return RelationshipKind.objects.get(slug=slug)


def test_merge_moves_aliases_and_keeps_the_dropped_name_as_an_alias(twins, editor):
    keep, drop = twins

    actor_merge(keep=keep, drop=drop, by=editor)

    assert not Actor.objects.filter(pk=drop.pk).exists()
    assert sorted(keep.aliases.values_list("name", flat=True)) == [
        "Elon R. Musk",
        "Elon Reeve Musk",
        "Musk",
    ]
    keep.refresh_from_db()
    assert keep.description == "Patron de SpaceX."  # filled from the dropped one
    assert keep.wikidata_id == "Q317521"


def test_merge_retags_stories_without_duplicates_keeping_the_stronger_role(twins, editor):
    keep, drop = twins
    both = ArticleFactory()
    ArticleActorFactory(article=both, actor=keep, role=ArticleActor.Role.MENTIONS)
    ArticleActorFactory(article=both, actor=drop, role=ArticleActor.Role.ABOUT)
    only_drop = ArticleFactory()
    ArticleActorFactory(article=only_drop, actor=drop, role=ArticleActor.Role.QUOTED)

    actor_merge(keep=keep, drop=drop, by=editor)

    assert list(both.actor_tags.values_list("actor_id", "role")) == [(keep.pk, "about")]
    assert list(only_drop.actor_tags.values_list("actor_id", "role")) == [(keep.pk, "quoted")]


def test_merge_moves_relationships_and_evidence_folding_duplicates(twins, editor):
    keep, drop = twins
    bezos = ActorFactory(name="Jeff Bezos")
    spacex = ActorFactory(name="SpaceX")
    story_a, story_b, story_c = ArticleFactory(), ArticleFactory(), ArticleFactory()
    # keep and drop both rival Bezos: one fact, two rows; "rival of" is symmetric.
    kept = RelationshipFactory(source=keep, target=bezos, kind=kind("rival-of"))
    kept.evidence.add(story_a)
    twin = RelationshipFactory(source=bezos, target=drop, kind=kind("rival-of"))
    twin.evidence.add(story_b)
    twin.needs_review = True
    twin.save()
    # Only drop leads SpaceX: it moves, evidence and all.
    leads = RelationshipFactory(source=drop, target=spacex, kind=kind("leads"))
    leads.evidence.add(story_c)
    # keep and drop related to each other would become a self-relationship.
    RelationshipFactory(source=keep, target=drop, kind=kind("allied-with"))

    actor_merge(keep=keep, drop=drop, by=editor)

    rows = {
        (r.source.name, r.kind.slug, r.target.name, frozenset(r.evidence.all()), r.needs_review)
        for r in Relationship.objects.all()
    }
    assert rows == {
        ("Elon Musk", "rival-of", "Jeff Bezos", frozenset({story_a, story_b}), True),
        ("Elon Musk", "leads", "SpaceX", frozenset({story_c}), False),
    }


def test_the_old_slug_leads_to_the_kept_actor(twins, editor):
    keep, drop = twins
    ActorRedirect.objects.create(old_slug="elon-musk-1971", actor=drop)

    actor_merge(keep=keep, drop=drop, by=editor)

    assert Actor.objects.redirected_from("elon-r-musk").get() == keep
    assert Actor.objects.redirected_from("elon-musk-1971").get() == keep
    assert not Actor.objects.redirected_from("someone-else").exists()


def test_merge_is_recorded_in_history_with_the_user(twins, editor):
    keep, drop = twins
    story = ArticleFactory()
    ArticleActorFactory(article=story, actor=drop)

    with translation.override("en"):
        actor_merge(keep=keep, drop=drop, by=editor)

    version = Version.objects.get_for_object(keep).get()
    assert version.revision.user == editor
    assert version.revision.comment == "Merged Elon R. Musk (elon-r-musk) into Elon Musk"
    # The story's own history shows the change of its tags too.
    assert Version.objects.get_for_object(story).get().revision == version.revision
    keep.refresh_from_db()
    assert keep.version == 2


def test_merge_is_all_or_nothing(twins, editor):
    keep, drop = twins
    story = ArticleFactory()
    ArticleActorFactory(article=story, actor=drop)

    with patch.object(ActorRedirect.objects, "create", side_effect=RuntimeError("disk full")):
        with pytest.raises(RuntimeError):
            actor_merge(keep=keep, drop=drop, by=editor)

    assert Actor.objects.filter(pk=drop.pk).exists()
    assert story.actor_tags.get().actor_id == drop.pk
    assert Alias.objects.filter(actor=drop).count() == 2


def test_merge_refuses_without_the_permission_and_the_same_actor_twice(twins, reporter, editor):
    keep, drop = twins
    with pytest.raises(PermissionDenied):
        actor_merge(keep=keep, drop=drop, by=reporter)
    assert Actor.objects.filter(pk=drop.pk).exists()
    with pytest.raises(Exception, match="two different"):
        with translation.override("en"):
            actor_merge(keep=keep, drop=keep, by=editor)


def test_admin_merge_asks_which_one_to_keep_then_merges(client, twins, editor):
    keep, drop = twins
    client.force_login(editor)
    selection = {"action": "merge_actors", "_selected_action": [keep.pk, drop.pk]}

    confirm = client.post(CHANGELIST, selection, HTTP_ACCEPT_LANGUAGE="en")

    assert confirm.status_code == 200
    assert confirm.templates[0].name == "admin/actors/actor/merge_confirmation.html"
    assert Actor.objects.filter(pk=drop.pk).exists()  # nothing happens before confirming
    page = confirm.content.decode()
    assert "Elon R. Musk" in page and "Elon Musk" in page

    done = client.post(
        CHANGELIST,
        {**selection, "keep": keep.pk, "post": "yes"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert done.status_code == 200
    assert not Actor.objects.filter(pk=drop.pk).exists()
    assert "Elon R. Musk was merged into Elon Musk." in [str(m) for m in done.context["messages"]]


def test_admin_merge_wants_exactly_two_actors(client, twins, editor):
    keep, drop = twins
    client.force_login(editor)
    response = client.post(
        CHANGELIST,
        {"action": "merge_actors", "_selected_action": [keep.pk]},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Select exactly two actors to merge." in [str(m) for m in response.context["messages"]]


def test_admin_merge_is_not_offered_to_reporters_and_refused_if_forged(client, twins, reporter):
    keep, drop = twins
    client.force_login(reporter)

    listing = client.get(CHANGELIST)
    action_form = listing.context["action_form"]  # None: no action at all for reporters
    assert action_form is None or "merge_actors" not in dict(action_form.fields["action"].choices)

    client.post(
        CHANGELIST,
        {"action": "merge_actors", "_selected_action": [keep.pk, drop.pk], "keep": keep.pk},
    )
    assert Actor.objects.filter(pk=drop.pk).exists()


def test_the_dropped_actors_page_redirects_permanently_to_the_kept_one(client, twins, editor):
    keep, drop = twins
    old_url = drop.get_absolute_url()

    actor_merge(keep=keep, drop=drop, by=editor)

    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == keep.get_absolute_url()


def test_an_actor_moved_to_a_new_slug_keeps_its_old_url(client, editor):
    client.force_login(editor)
    actor = ActorFactory(name="Meta", slug="facebook")
    url = reverse("admin:actors_actor_change", args=[actor.pk])
    form = lxml.html.fromstring(client.get(url).content.decode()).get_element_by_id("actor_form")
    data = {}
    for name, value in form.form_values():
        if "__prefix__" not in name:
            data.setdefault(name, []).append(value)

    data["slug"] = ["meta"]
    response = client.post(url, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert Actor.objects.redirected_from("facebook").get() == actor
    assert client.get("/actors/facebook/")["Location"] == "/actors/meta/"

"""Relationships and actors recorded from a story, on every story state, by every role; and
what readers then see: the actor's page, the sitemap, the search.

Editors record relationships (from a story's desk panel, or the relationship's own form);
reporters only read them. Nothing known only from an unpublished story reaches readers: a
relationship whose only evidence is a draft, a story in review or a scheduled story is not
public (actors.models.RelationshipQuerySet.public), nor is an actor created from such a
story's panel until the story is published (ActorQuerySet.public).
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor, Relationship, RelationshipKind
from articles.models import Article
from articles.services import article_publish
from tests.admin_forms import form_values
from tests.factories import ActorFactory, ArticleActorFactory
from tests.security.access_matrix.world import (
    FORBIDDEN,
    LOGIN,
    NOT_FOUND,
    ROLES,
    STATES,
    assert_answer,
    body,
)

pytestmark = pytest.mark.django_db

RECORDERS = {"editor", "superuser"}  # who hold actors.add/change_relationship and add_actor


def refused(response, role: str, url: str) -> None:
    if role == "anonymous":
        assert_answer(response, LOGIN, url)
    else:
        assert response.status_code == FORBIDDEN, f"{role} on {url}"


def _unlisted(name: str):
    """An actor nobody listed: readers meet it only through something public."""
    return ActorFactory(name=name, slug=name.lower().replace(" ", "-"), listed=False)


def readers_meet(clients, actor, *, on) -> bool:
    """Whether an anonymous reader finds a link to ``actor`` on ``on``'s public page (their
    relationship: nothing else links them)."""
    page = clients["anonymous"].get(on.get_absolute_url())
    assert page.status_code == 200
    return actor.get_absolute_url() in body(page)


def _met():
    return RelationshipKind.objects.get(slug="met")


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_recording_a_relationship_from_the_desk_panel(world, clients, role, state):
    story = world.stories[state]
    zora = _unlisted("Zora Quintal")
    for actor in (world.bezos, zora):
        ArticleActorFactory(article=story, actor=actor)
    url = reverse("admin:articles_article_desk_relationship", args=[story.pk])
    data = {
        "source": world.bezos.pk,
        "kind": _met().pk,
        "target": zora.pk,
        "status": Relationship.Status.CONFIRMED,
    }

    response = clients[role].post(url, data, HTTP_ACCEPT="application/json")

    recorded = Relationship.objects.filter(source=world.bezos, target=zora, evidence=story)
    may = role in RECORDERS
    assert recorded.exists() == may, f"{role} recorded from the {state} story"
    if not may:
        refused(response, role, url)
    public = may and state == "published"
    assert recorded.public().exists() == public
    assert readers_meet(clients, zora, on=world.bezos) == public, f"{role}, {state}"
    own_page = clients["anonymous"].get(zora.get_absolute_url())
    assert own_page.status_code == (200 if state == "published" else NOT_FOUND)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_editing_a_relationship_in_its_admin(world, clients, role, state):
    """An editor confirms a relationship a secret story reports and adds the published story
    to its evidence: from then, readers see it. Reporters read the form, never save it."""
    zora = _unlisted("Zora Quintal")
    relationship = Relationship.objects.create(
        source=world.bezos, kind=_met(), target=zora, status=Relationship.Status.REPORTED
    )
    relationship.evidence.add(world.stories[state])
    url = reverse("admin:actors_relationship_change", args=[relationship.pk])
    data = form_values(clients["superuser"].get(url), "relationship_form")
    data["status"] = [Relationship.Status.CONFIRMED]
    data["evidence"] = [str(world.stories[state].pk), str(world.stories["published"].pk)]
    if role == "reporter":
        page = clients[role].get(url)
        assert page.status_code == 200 and 'name="_save"' not in body(page)

    response = clients[role].post(url, data)

    relationship.refresh_from_db()
    may = role in RECORDERS
    evidence = set(relationship.evidence.values_list("slug", flat=True))
    if may:
        assert response.status_code == 302, response.context and response.context["errors"]
        assert relationship.status == Relationship.Status.CONFIRMED
        assert world.stories["published"].slug in evidence
    else:
        refused(response, role, url)
        assert relationship.status == Relationship.Status.REPORTED, f"{role} changed it"
        assert evidence == {world.stories[state].slug}
    public = may or state == "published"
    assert Relationship.objects.public().filter(pk=relationship.pk).exists() == public
    assert readers_meet(clients, zora, on=world.bezos) == public, f"{role}, {state}"
    own_page = clients["anonymous"].get(zora.get_absolute_url())
    assert own_page.status_code == (200 if public else NOT_FOUND)


def readers_find(clients, slug: str) -> dict:
    """Where a reader meets the actor with ``slug``: its page, the sitemap, the search."""
    url = reverse("actors:detail", args=[slug])
    sitemap = body(clients["anonymous"].get(reverse("sitemap")))
    search = body(clients["anonymous"].get(reverse("search:results"), {"q": "Zelda Zorglub"}))
    return {
        "page": clients["anonymous"].get(url).status_code == 200,
        "sitemap": url in sitemap,
        "search": url in search,
    }


NOWHERE = {"page": False, "sitemap": False, "search": False}
EVERYWHERE = {"page": True, "sitemap": True, "search": True}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_an_actor_created_from_the_panel_waits_for_the_story(world, clients, role, state):
    story = world.stories[state]
    url = reverse("admin:articles_article_desk_create_actor", args=[story.pk])
    data = {"name": "Zelda Zorglub", "kind": "person", "role": "about"}

    response = clients[role].post(url, data, HTTP_ACCEPT="application/json")

    created = Actor.objects.filter(name="Zelda Zorglub").first()
    may = role in RECORDERS
    assert (created is not None) == may, f"{role} created an actor from the {state} story"
    if not may:
        refused(response, role, url)
        return
    shown = readers_find(clients, created.slug)
    assert shown == (EVERYWHERE if state == "published" else NOWHERE), f"{role}, {state}"
    if state != "published":
        fresh = Article.objects.get(pk=story.pk)  # the world's copy stays as built
        article_publish(article=fresh, by=world.users["editor"], publish_at=timezone.now())
        assert readers_find(clients, created.slug) == EVERYWHERE

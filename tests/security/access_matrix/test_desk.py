"""The desk's POST endpoints on a story's change form, per role and story state."""

import pytest
from django.urls import reverse

from actors.models import Actor, Relationship
from articles.models import ArticleActor, RelatedArticle
from desk.models import DismissedName
from tests.factories import (
    ArticleActorFactory,
    ArticleFactory,
)
from tests.security.access_matrix.rules import url_keys
from tests.security.access_matrix.world import (
    FORBIDDEN,
    LOGIN,
    ROLES,
    STATES,
    assert_answer,
    unused_kind,
)

pytestmark = pytest.mark.django_db


def _desk_tag(w, s):
    return {"actor": w.bezos.pk, "role": ArticleActor.Role.ABOUT}


def _desk_relationship(w, s):
    ArticleActorFactory(article=w.stories[s], actor=w.bezos)
    return {
        "source": w.musk.pk,
        "kind": unused_kind(w, s).pk,
        "target": w.bezos.pk,
        "status": Relationship.Status.REPORTED,
    }


def _desk_link(w, s):
    return {"related": ArticleFactory(title="Lien frais", slug="lien-frais").pk}


# A reporter's change to a live (or scheduled) story waits for an editor: the desk refuses
# it with the reason (articles.services.require_live_edit), on drafts it goes through.
LIVE = {"scheduled", "published"}


def _writers(role, state):
    return role in ("editor", "superuser") or (role == "reporter" and state not in LIVE)


DESK = {
    "tag": (
        _writers,
        _desk_tag,
        lambda w, s, r: ArticleActor.objects.filter(article=w.stories[s], actor=w.bezos).exists(),
    ),
    "create_actor": (
        lambda role, state: role in ("editor", "superuser"),
        lambda w, s: {"name": "Zelda Zorglub", "kind": "person", "role": "about"},
        lambda w, s, r: Actor.objects.filter(name="Zelda Zorglub").exists(),
    ),
    "link": (
        _writers,
        _desk_link,
        lambda w, s, r: RelatedArticle.objects.filter(
            from_article=w.stories[s], to_article__slug="lien-frais"
        ).exists(),
    ),
    "relationship": (
        lambda role, state: role in ("editor", "superuser"),
        _desk_relationship,
        lambda w, s, r: (
            Relationship.objects.filter(source=w.musk, target=w.bezos, evidence=w.stories[s])
            .exclude(pk=w.relationship.pk)
            .exists()
        ),
    ),
    # Dismissing a suggestion is the desk's own (readers never see it): whoever writes
    # stories may, on a live story too.
    "dismiss": (
        lambda role, state: role in ("reporter", "editor", "superuser"),
        lambda w, s: {"actor": w.bezos.pk},
        lambda w, s, r: DismissedName.objects.filter(article=w.stories[s], actor=w.bezos).exists(),
    ),
    "restore": (
        lambda role, state: role in ("reporter", "editor", "superuser"),
        lambda w, s: {
            "dismissed": DismissedName.objects.get_or_create(
                article=w.stories[s], name="Mars", name_folded="mars"
            )[0].pk
        },
        lambda w, s, r: (
            not DismissedName.objects.filter(article=w.stories[s], name_folded="mars").exists()
        ),
    ),
    # The actor panel redrawn for the text being edited: anyone who may see the story.
    "panel": (
        lambda role, state: role != "anonymous",
        lambda w, s: {"body": "Jeff Bezos a parlé."},
        lambda w, s, r: r.status_code == 200 and "Jeff Bezos" in r.content.decode(),
    ),
}


def desk_names() -> list[str]:
    prefix = "admin:articles_article_desk_"
    return [key.removeprefix(prefix) for key in url_keys() if key.startswith(prefix)]


def test_every_desk_endpoint_is_classified():
    assert set(desk_names()) == set(DESK)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", desk_names())
def test_desk_endpoint_matrix(world, clients, name, role, state):
    allowed, data, happened = DESK[name]
    url = reverse(f"admin:articles_article_desk_{name}", args=[world.stories[state].pk])
    response = clients[role].post(
        url, data(world, state), HTTP_ACCEPT="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    if role == "anonymous":
        assert_answer(response, LOGIN, url)
    elif not allowed(role, "draft"):
        assert response.status_code == FORBIDDEN, url
    elif not allowed(role, state):
        assert "waits for an editor's review" in response.json()["message"], url
    assert happened(world, state, response) == allowed(role, state), f"{name} by {role}"

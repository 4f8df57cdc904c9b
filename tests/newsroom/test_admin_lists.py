"""Every list in the admin runs as many queries for thirty rows as for one, and no more than
its bound: a list that starts asking per row is slow for the desk long before it fails."""

import uuid

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from taggit.models import Tag

from actors.models import ActorRedirect
from api.services import apikey_create
from articles.models import ArticleActor, ChangeProposal
from contributors.models import Contributor
from pictures.models import Picture
from tests.factories import (
    ActorFactory,
    AliasFactory,
    ArticleActorFactory,
    ArticleFactory,
    ContributorFactory,
    CorrectionFactory,
    RelationshipFactory,
    RelationshipKindFactory,
    SectionFactory,
    UserFactory,
    sign,
)
from tests.pictures.images import clone_picture, make_picture
from tests.queries import counts_for
from webhooks.models import WebhookDelivery
from webhooks.services import webhook_endpoint_create

pytestmark = pytest.mark.django_db
User = get_user_model()


def actor(n):
    # Aliases, stories and a tagged topic: the columns and counts the list shows.
    actor = ActorFactory(wikidata_id=f"Q{n + 1}")
    AliasFactory(actor=actor)
    AliasFactory(actor=actor)
    ArticleActorFactory(actor=actor, article=ArticleFactory(tags=["tech", f"t{n}"]))
    ArticleActorFactory(actor=actor)


def relationship(n):
    RelationshipFactory().evidence.add(ArticleFactory())


def story(n):
    # Shared contributors, as on a real desk; actors in two roles; topics old and new.
    authors = [
        Contributor.objects.get_or_create(slug=f"author-{i}", defaults={"name": f"A {i}"})[0]
        for i in range(3)
    ]
    article = ArticleFactory(tags=[f"tag-{n}", "politique", "économie"])
    sign(article, *authors)
    ArticleActorFactory(article=article)
    ArticleActorFactory(article=article, role=ArticleActor.Role.QUOTED)


def member(n):
    User.objects.create(username=f"membre-{n}", is_staff=True).groups.add(
        Group.objects.get(name="Editor")
    )


def proposal(n):
    return ChangeProposal.objects.create(
        article=ArticleFactory(), proposed_by=UserFactory(), data={}, changed=["Titre"]
    )


def picture(n):
    if n == 0:
        make_picture(seed=0)
    else:
        clone_picture(Picture.objects.earliest("pk"))


# Each admin list: what one of its rows is made of, and the most queries the list may run.
def api_key(n):
    return apikey_create(by=None, name=f"Clé {n}", owner=User.objects.create(username=f"cle-{n}"))


def endpoint(n):
    return webhook_endpoint_create(
        name=f"Partenaire {n}", url=f"https://p{n}.example/hooks", events=["published"]
    )


def delivery(n):
    return WebhookDelivery.objects.create(
        endpoint=endpoint(n), event="published", story_uuid=uuid.uuid4(), body="{}"
    )


LISTS = {
    "actors.actor": (actor, 6),
    "api.apikey": (api_key, 5),
    "webhooks.webhookendpoint": (endpoint, 7),
    "webhooks.webhookdelivery": (delivery, 6),
    "actors.actorredirect": (
        lambda n: ActorRedirect.objects.create(old_slug=f"ancien-{n}", actor=ActorFactory()),
        5,
    ),
    "actors.alias": (lambda n: AliasFactory(), 5),
    "actors.relationship": (relationship, 8),
    "actors.relationshipkind": (lambda n: RelationshipKindFactory(), 7),  # in a revision
    # 8 on SQLite; PostgreSQL asks its statistics for the list's estimated size first.
    "articles.article": (story, 9),
    "articles.changeproposal": (proposal, 5),
    "articles.correction": (lambda n: CorrectionFactory(), 7),
    "articles.section": (lambda n: SectionFactory(position=n), 7),  # in a revision
    "auth.group": (lambda n: Group.objects.create(name=f"Groupe {n}"), 5),
    # With the accounts some of them are (list_select_related).
    "contributors.contributor": (
        lambda n: ContributorFactory(
            user=User.objects.create(username=f"signe-{n}") if n % 2 else None
        ),
        7,
    ),
    "auth.user": (member, 6),
    "pictures.picture": (picture, 9),
    "taggit.tag": (lambda n: Tag.objects.create(name=f"sujet {n}", slug=f"sujet-{n}"), 5),
}


def test_every_admin_list_is_measured():
    assert sorted(LISTS) == sorted(model._meta.label_lower for model in admin.site._registry)


@pytest.mark.parametrize("label", sorted(LISTS))
def test_admin_list_queries_do_not_grow_with_rows(client, superuser, label):
    make_row, bound = LISTS[label]
    client.force_login(superuser)
    app_label, model_name = label.split(".")

    url = reverse(f"admin:{app_label}_{model_name}_changelist")
    one, thirty = counts_for(client, url, make_row)

    print(f"{label} list: {one} queries with 1 row, {thirty} with 30")
    assert one == thirty <= bound

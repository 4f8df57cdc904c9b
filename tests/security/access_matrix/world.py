"""The stories, actors and users every case of the matrix uses, and who may do what."""

from dataclasses import dataclass
from datetime import timedelta

import reversion
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version
from taggit.models import Tag

from actors.models import ActorRedirect, Alias, Relationship, RelationshipKind
from api.services import apikey_create
from articles.models import Article, ArticleOldSlug, ChangeProposal, RelatedArticle
from pictures.models import Picture
from tests.factories import (
    ActorFactory,
    ArticleActorFactory,
    ArticleFactory,
    ContributorFactory,
    CorrectionFactory,
    SectionFactory,
    UserFactory,
    sign,
)
from webhooks.models import WebhookDelivery
from webhooks.services import webhook_endpoint_create

ROLES = ["anonymous", "reporter", "editor", "export_staff", "superuser"]
STAFF = ROLES[1:]
STATES = ["draft", "review", "scheduled", "published"]
UNPUBLISHED = STATES[:3]
ANY = "any"  # the URL's answer does not depend on a story

# Each story's secret word is in its headline, slug and topic (and nowhere else).
WORDS = {
    "draft": "ornithorynque",
    "review": "pangolin",
    "scheduled": "axolotl",
    "published": "capybara",
}

# ---------------------------------------------------------------------------------------------
# Who may do what in the admin, per model: v(iew) a(dd) c(hange) d(elete). Written from the
# design (reporters write, editors edit and publish, export staff only export), not read
# from the groups, so a permission granted by mistake fails here.
MODEL_ACCESS = {
    "auth.group": {"reporter": "", "editor": "", "export_staff": ""},
    "auth.user": {"reporter": "", "editor": "", "export_staff": ""},
    # Reporters add topics to their stories; renaming one changes every page that shows it.
    "taggit.tag": {"reporter": "va", "editor": "vacd", "export_staff": "v"},
    "actors.actor": {"reporter": "v", "editor": "vacd", "export_staff": "v"},
    "actors.alias": {"reporter": "v", "editor": "vacd", "export_staff": ""},
    "actors.actorredirect": {"reporter": "", "editor": "vcd", "export_staff": ""},
    "actors.relationshipkind": {"reporter": "v", "editor": "vacd", "export_staff": ""},
    "actors.relationship": {"reporter": "v", "editor": "vacd", "export_staff": ""},
    # Reporters pick who signs their stories; editors keep the list of contributors.
    "contributors.contributor": {"reporter": "v", "editor": "vacd", "export_staff": "v"},
    "articles.article": {"reporter": "vac", "editor": "vacd", "export_staff": "v"},
    "articles.section": {"reporter": "v", "editor": "vacd", "export_staff": "v"},
    # Reporters propose corrections (and change their proposals); editors publish and
    # withdraw them (PUBLISHERS) and delete only a proposal readers never saw.
    "articles.correction": {"reporter": "vac", "editor": "vacd", "export_staff": ""},
    # A reporter's change to a live story: made from the story form, seen by its reporter and
    # the editors, decided by editors (PUBLISHERS) with the review page's buttons, deleted
    # with their story.
    "articles.changeproposal": {"reporter": "v", "editor": "vd", "export_staff": ""},
    # Reporters upload pictures for their stories; deleting one can strip published pages.
    "pictures.picture": {"reporter": "vac", "editor": "vacd", "export_staff": ""},
    # Editors and export staff make and revoke their own API keys (superusers anyone's);
    # nobody deletes one.
    "api.apikey": {"reporter": "", "editor": "vac", "export_staff": "vac"},
    # Editors register partners' webhook endpoints and read the delivery log (retrying a
    # failed delivery takes change_webhookendpoint); the log itself is written by the worker.
    "webhooks.webhookendpoint": {"reporter": "", "editor": "vacd", "export_staff": ""},
    "webhooks.webhookdelivery": {"reporter": "", "editor": "v", "export_staff": ""},
}
# Who holds the publish permissions (stories: articles.publish_article; corrections:
# articles.publish_correction).
PUBLISHERS = {"editor", "superuser"}
# The admin objects whose URLs depend on the story state (a story, a story's correction).
STORY_MODELS = {"articles.article", "articles.correction"}


def can(role: str, model: str, letters: str) -> bool:
    """Whether ``role`` holds any of ``letters`` on ``model`` (superusers hold all)."""
    if role == "anonymous":
        return False
    held = "vacd" if role == "superuser" else MODEL_ACCESS[model][role]
    return any(letter in held for letter in letters)


# ---------------------------------------------------------------------------------------------
# The data, once per module.


@dataclass
class World:
    stories: dict
    versions: dict  # model label → a Version of the object below
    deleted: dict  # model label → the Version of a deleted object (for recover)
    objects: dict  # model label → the object its admin URLs use (stories: by state)
    corrections: dict
    section: object
    musk: object
    bezos: object
    duplicate: object  # an untagged actor (deleted or merged by the actions)
    relationship: object
    users: dict


def build_world() -> World:
    users = {
        "reporter": UserFactory(username="m-reporter", groups=["Reporter"]),
        "editor": UserFactory(username="m-editor", groups=["Editor"]),
        "export_staff": UserFactory(username="m-exporter", groups=["Export staff"]),
        "superuser": UserFactory(username="m-root", is_superuser=True),
    }
    now = timezone.now()
    section = SectionFactory(name="Espace", slug="espace")
    musk = ActorFactory(name="Elon Musk", slug="elon-musk")
    bezos = ActorFactory(name="Jeff Bezos", slug="jeff-bezos")
    duplicate = ActorFactory(name="Elon R. Musk", slug="elon-r-musk")
    with reversion.create_revision():
        reversion.set_user(users["editor"])
        # Signs every story: their page lists the public one only.
        contributor = ContributorFactory(name="Léa Fontaine", slug="lea-fontaine")
    fields = {
        "draft": {"status": Article.Status.DRAFT, "publish_at": None},
        "review": {"status": Article.Status.REVIEW, "publish_at": None},
        "scheduled": {"status": Article.Status.PUBLISHED, "publish_at": now + timedelta(days=1)},
        "published": {"status": Article.Status.PUBLISHED, "publish_at": now - timedelta(hours=1)},
    }
    stories, corrections = {}, {}
    for state, word in WORDS.items():
        with reversion.create_revision():
            reversion.set_user(users["editor"])
            story = ArticleFactory(
                title=f"{word.capitalize()} confidentiel",
                slug=f"{word}-confidentiel",
                standfirst=f"Le chapeau du {word}.",
                body=f"Elon Musk et Jeff Bezos parlent du {word}.",
                section=section,
                tags=["espace", f"sujet-{word}"],
                **fields[state],
            )
        ArticleActorFactory(article=story, actor=musk)
        sign(story, contributor)
        ArticleOldSlug.objects.create(article=story, slug=f"ancien-{word}")
        with reversion.create_revision():  # a published correction, with its history
            reversion.set_user(users["editor"])
            corrections[state] = CorrectionFactory(article=story, text=f"Correction du {word}.")
        stories[state] = story
    for state in UNPUBLISHED:  # editor picks from the public story to each secret one
        RelatedArticle.objects.create(from_article=stories["published"], to_article=stories[state])
    with reversion.create_revision():
        reversion.set_user(users["editor"])
        relationship = Relationship.objects.create(
            source=musk, kind=RelationshipKind.objects.get(slug="rival-of"), target=bezos
        )
        musk.save()
    relationship.evidence.add(*stories.values())
    alias = Alias.objects.create(actor=musk, name="Musk")
    redirect = ActorRedirect.objects.create(old_slug="elon-musk-ancien", actor=musk)

    deleted = {}
    for label, make in {
        "articles.article": lambda: ArticleFactory(title="Supprimé", slug="supprime"),
        "actors.actor": lambda: ActorFactory(name="Acteur supprimé", slug="acteur-supprime"),
        "actors.relationship": lambda: Relationship.objects.create(
            source=bezos, kind=RelationshipKind.objects.get(slug="met"), target=duplicate
        ),
        "articles.correction": lambda: CorrectionFactory(
            article=stories["published"], text="Proposée puis supprimée.", status="proposed"
        ),
        "articles.section": lambda: SectionFactory(name="Supprimée", slug="supprimee"),
        "contributors.contributor": lambda: ContributorFactory(
            name="Contributeur supprimé", slug="contributeur-supprime"
        ),
        "actors.relationshipkind": lambda: RelationshipKind.objects.create(
            label="supprimé", slug="supprime"
        ),
        "webhooks.webhookendpoint": lambda: webhook_endpoint_create(
            name="Supprimé", url="https://supprime.example/hooks", events=["updated"]
        ),
    }.items():
        with reversion.create_revision():
            reversion.set_user(users["editor"])
            obj = make()
        deleted[label] = Version.objects.get_for_object(obj).get()
        obj.delete()

    with reversion.create_revision():
        reversion.set_user(users["editor"])
        endpoint = webhook_endpoint_create(
            name="Partenaire", url="https://partenaire.example/hooks", events=["published"]
        )
    objects = {
        "auth.group": Group.objects.get(name="Editor"),
        "auth.user": users["reporter"],
        "taggit.tag": Tag.objects.get(name="espace"),
        "actors.actor": musk,
        "actors.alias": alias,
        "actors.actorredirect": redirect,
        "actors.relationshipkind": relationship.kind,
        "actors.relationship": relationship,
        "articles.section": section,
        "contributors.contributor": contributor,
        "articles.changeproposal": ChangeProposal.objects.create(
            article=stories["published"], proposed_by=users["reporter"], changed=["Titre"]
        ),
        "api.apikey": apikey_create(by=None, name="Clé du partenaire", owner=users["export_staff"])[
            0
        ],
        "webhooks.webhookendpoint": endpoint,
        "webhooks.webhookdelivery": WebhookDelivery.objects.create(
            endpoint=endpoint,
            event="published",
            story_uuid=stories["published"].uuid,
            body="{}",
            status=WebhookDelivery.Status.FAILED,
        ),
        # A row only: no file is written outside a test's own MEDIA_ROOT.
        "pictures.picture": Picture.objects.create(
            file="pictures/matrix.jpg",
            alt_text="Une image de la photothèque",
            width=1200,
            height=800,
            format="JPEG",
            content_hash="0" * 64,
        ),
    }
    with reversion.create_revision():  # history of the rows locked with it (editing.locking)
        reversion.set_user(users["editor"])
        section.save()
        relationship.kind.save()
    versions = {
        "actors.actor": Version.objects.get_for_object(musk).first(),
        "actors.relationship": Version.objects.get_for_object(relationship).first(),
        "actors.relationshipkind": Version.objects.get_for_object(relationship.kind).first(),
        "articles.section": Version.objects.get_for_object(section).first(),
        "contributors.contributor": Version.objects.get_for_object(contributor).first(),
        "webhooks.webhookendpoint": Version.objects.get_for_object(endpoint).first(),
    }
    return World(
        stories=stories,
        versions=versions,
        deleted=deleted,
        objects=objects,
        corrections=corrections,
        section=section,
        musk=musk,
        bezos=bezos,
        duplicate=duplicate,
        relationship=relationship,
        users=users,
    )


def unused_kind(w, s):
    """A relationship kind nothing uses yet (deleted, or recorded, by a case)."""
    return RelationshipKind.objects.filter(relationships__isnull=True).first()


def obj_for(world: World, model: str, state: str):
    if model == "articles.article":
        return world.stories[state]
    if model == "articles.correction":
        return world.corrections[state]
    return world.objects[model]


def version_for(world: World, model: str, state: str):
    if model in STORY_MODELS:
        return Version.objects.get_for_object(obj_for(world, model, state)).first()
    return world.versions[model]


OK, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 403, 404, 405
LOGIN = "login"  # 302 to the admin's login page
REDIRECT = "redirect"  # a 301 or 302 elsewhere (not to the login page)


def secrets(world: World, state: str) -> list[str]:
    story = world.stories[state]
    return [story.title, story.slug, str(story.uuid), f"sujet-{WORDS[state]}"]


def assert_answer(response, expected, key):
    location = response.get("Location", "")
    if expected == LOGIN:
        assert response.status_code == 302, key
        assert location.startswith(reverse("admin:login")), location
    elif expected == REDIRECT:
        assert response.status_code in (301, 302), key
        assert not location.startswith(reverse("admin:login")), location
    else:
        assert response.status_code == expected, key


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()

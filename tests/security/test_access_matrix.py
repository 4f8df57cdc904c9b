"""The access-control matrix: every URL × every role × every story state → the answer.

The URLs are walked from the URL configuration (the admin site's included), and the admin
actions from the admin site's registry, so a new URL or action without a row in the tables
below fails ``test_every_url_pattern_is_classified`` (and its own matrix cases) until someone
decides who may use it. Each case names the URL, the role and the story state.

Four stories live side by side (draft, in review, scheduled, published), each with its own
secret word in its headline, slug and topic, all tagging the same actor, in the same section,
linked from the published one and evidence for the same relationship. Whatever a public
surface, a feed, a sitemap, the search or an export shows, an unpublished story's headline,
slug, topic or uuid must not be in it unless the role may see it.

The data is built once per module (inside a transaction rolled back at the end); each test
runs in its own savepoint, so the actions that write are undone after each case.
"""

import re
import uuid
from dataclasses import dataclass
from datetime import timedelta

import lxml.html
import pytest
import reversion
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from reversion.models import Version
from taggit.models import Tag

from actors.models import Actor, ActorRedirect, Alias, Relationship, RelationshipKind
from articles.models import Article, ArticleActor, ArticleOldSlug, RelatedArticle
from articles.services import article_publish, article_unpublish
from pictures.models import Picture
from tests.factories import (
    ActorFactory,
    ArticleActorFactory,
    ArticleFactory,
    CorrectionFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

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
    "taggit.tag": {"reporter": "vac", "editor": "vacd", "export_staff": "v"},
    "actors.actor": {"reporter": "v", "editor": "vacd", "export_staff": "v"},
    "actors.alias": {"reporter": "v", "editor": "vacd", "export_staff": ""},
    "actors.actorredirect": {"reporter": "", "editor": "vcd", "export_staff": ""},
    "actors.relationshipkind": {"reporter": "v", "editor": "vacd", "export_staff": ""},
    "actors.relationship": {"reporter": "v", "editor": "vacd", "export_staff": ""},
    "articles.article": {"reporter": "vac", "editor": "vacd", "export_staff": "v"},
    "articles.section": {"reporter": "v", "editor": "vacd", "export_staff": "v"},
    "articles.correction": {"reporter": "v", "editor": "vacd", "export_staff": ""},
    # Reporters upload pictures for their stories; deleting one can strip published pages.
    "pictures.picture": {"reporter": "vac", "editor": "vacd", "export_staff": ""},
}
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
        ArticleOldSlug.objects.create(article=story, slug=f"ancien-{word}")
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
    }.items():
        with reversion.create_revision():
            reversion.set_user(users["editor"])
            obj = make()
        deleted[label] = Version.objects.get_for_object(obj).get()
        obj.delete()

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
    versions = {
        "actors.actor": Version.objects.get_for_object(musk).first(),
        "actors.relationship": Version.objects.get_for_object(relationship).first(),
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


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        cache.clear()
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            cache.clear()


@pytest.fixture(scope="module")
def clients(world, django_db_blocker):
    with django_db_blocker.unblock():
        made = {"anonymous": Client()}
        for role, user in world.users.items():
            made[role] = Client()
            made[role].force_login(user)
        return made


@pytest.fixture(scope="module")
def fetched(clients):
    """GET answers, memoised by (role, URL): the data does not change between GET cases."""
    memo = {}

    def fetch(role: str, url: str):
        if (role, url) not in memo:
            memo[role, url] = clients[role].get(url)
        return memo[role, url]

    return fetch


def obj_for(world: World, model: str, state: str):
    if model == "articles.article":
        return world.stories[state]
    if model == "articles.correction":
        return world.corrections[state]
    return world.objects[model]


def version_for(world: World, model: str, state: str):
    if model == "articles.article":
        return Version.objects.get_for_object(world.stories[state]).first()
    return world.versions[model]


# ---------------------------------------------------------------------------------------------
# Expected answers.

OK, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 403, 404, 405
LOGIN = "login"  # 302 to the admin's login page
REDIRECT = "redirect"  # a 301 or 302 elsewhere (not to the login page)


@dataclass
class Rule:
    """How to build a URL for (world, state), and what each role gets for each state."""

    url: object  # (world, state) → path
    expect: object  # (role, state) → OK / FORBIDDEN / ... / LOGIN / REDIRECT
    by_state: bool = False  # one case per story state, or one for ANY
    surface: str = ""  # "public": no secret leaks; "listing": and the public story is in it
    shows_drafts: object = None  # (role) → True when this role may see unpublished stories
    lists_drafts: object = None  # (role) → True when the answer must show the state's story


def everyone(answer):
    return lambda role, state: answer


def staff(answer, *, anonymous=LOGIN):
    return lambda role, state: anonymous if role == "anonymous" else answer


def public_story(word_url):
    """A public story URL: 200 for the published story, 404 for the others, for everybody."""
    return Rule(
        url=word_url,
        expect=lambda role, state: OK if state == "published" else NOT_FOUND,
        by_state=True,
        surface="public",
    )


def listing(url):
    return Rule(url=url, expect=everyone(OK), by_state=True, surface="listing")


def tag_page(name):
    return Rule(
        url=lambda w, s: reverse(name, kwargs={"slug": f"sujet-{WORDS[s]}"}),
        expect=lambda role, state: OK if state == "published" else NOT_FOUND,
        by_state=True,
        surface="listing",
    )


def _exports(query):
    def url(w, s):
        return reverse("exports:stories") + query(w, s)

    return url


def export_expect():
    def expect(role, state):
        if role == "anonymous":
            return LOGIN
        if role in ("export_staff", "superuser"):
            return OK
        return FORBIDDEN

    return expect


EXPORTERS = {"export_staff", "superuser"}

SITE_RULES = {
    # Public pages, feeds, sitemaps, search: the same for every role (staff preview elsewhere).
    "articles:home": listing(lambda w, s: reverse("articles:home")),
    "articles:feed-rss": listing(lambda w, s: reverse("articles:feed-rss")),
    "articles:feed-atom": listing(lambda w, s: reverse("articles:feed-atom")),
    "articles:section": listing(lambda w, s: w.section.get_absolute_url()),
    "articles:section-rss": listing(lambda w, s: reverse("articles:section-rss", args=["espace"])),
    "articles:section-atom": listing(
        lambda w, s: reverse("articles:section-atom", args=["espace"])
    ),
    "articles:tag": tag_page("articles:tag"),
    "articles:tag-rss": tag_page("articles:tag-rss"),
    "articles:tag-atom": tag_page("articles:tag-atom"),
    "search:results": listing(lambda w, s: reverse("search:results") + f"?q={WORDS[s]}"),
    "actors:detail": listing(lambda w, s: w.musk.get_absolute_url()),
    "actors:rss": listing(lambda w, s: reverse("actors:rss", args=["elon-musk"])),
    "actors:atom": listing(lambda w, s: reverse("actors:atom", args=["elon-musk"])),
    "sitemap": listing(lambda w, s: reverse("sitemap")),
    "sitemap-section": listing(lambda w, s: reverse("sitemap-section", args=["stories"])),
    "news-sitemap": listing(lambda w, s: reverse("news-sitemap")),
    # The story page (with its JSON-LD and related stories), and its old URL.
    "articles:detail": public_story(lambda w, s: w.stories[s].get_absolute_url()),
    "articles:detail[old-slug]": Rule(
        url=lambda w, s: reverse("articles:detail", args=[f"ancien-{WORDS[s]}"]),
        expect=lambda role, state: REDIRECT if state == "published" else NOT_FOUND,
        by_state=True,
        surface="public",
    ),
    # Staff preview any story; readers get the same 404 as for a story that does not exist.
    "articles:preview": Rule(
        url=lambda w, s: reverse("articles:preview", args=[w.stories[s].uuid]),
        expect=lambda role, state: NOT_FOUND if role == "anonymous" else OK,
        by_state=True,
        surface="public",
        shows_drafts=lambda role: role != "anonymous",
        lists_drafts=lambda role: role != "anonymous",
    ),
    # Exports: the form; the default download (public stories only); asking for a status.
    "exports:stories": Rule(
        url=_exports(lambda w, s: ""), expect=export_expect(), surface="public"
    ),
    "exports:stories[default]": Rule(
        url=_exports(lambda w, s: "?format=jsonl"),
        expect=export_expect(),
        by_state=True,
        surface="listing",
        # Public stories only; their related links may name unpublished ones by uuid, which
        # these roles could export in full anyway.
        shows_drafts=lambda role: role in EXPORTERS,
    ),
    "exports:stories[status]": Rule(
        url=_exports(lambda w, s: f"?format=jsonl&status={w.stories[s].status}"),
        expect=export_expect(),
        by_state=True,
        surface="listing",
        shows_drafts=lambda role: role in EXPORTERS,
        lists_drafts=lambda role: role in EXPORTERS,
    ),
    # Machines and the language switch.
    "healthz": Rule(url=lambda w, s: reverse("healthz"), expect=everyone(OK)),
    "robots": Rule(url=lambda w, s: reverse("robots"), expect=everyone(OK), surface="public"),
    "set_language": Rule(url=lambda w, s: reverse("set_language"), expect=everyone(REDIRECT)),
    # Uploaded files, served by Django only with DEBUG on: nothing there to serve here.
    "route:^media/(?P<path>.*)$": Rule(url=lambda w, s: "/media/nothing.jpg", expect=everyone(404)),
    # The admin site's own pages.
    "admin:index": Rule(url=lambda w, s: reverse("admin:index"), expect=staff(OK)),
    "admin:login": Rule(
        url=lambda w, s: reverse("admin:login"),
        expect=lambda role, state: OK if role == "anonymous" else REDIRECT,
    ),
    # Logging out takes a POST; a visitor who is not logged in is sent to the admin.
    "admin:logout": Rule(
        url=lambda w, s: reverse("admin:logout"),
        expect=lambda role, state: REDIRECT if role == "anonymous" else NOT_ALLOWED,
    ),
    "admin:password_change": Rule(
        url=lambda w, s: reverse("admin:password_change"), expect=staff(OK)
    ),
    "admin:password_change_done": Rule(
        url=lambda w, s: reverse("admin:password_change_done"), expect=staff(OK)
    ),
    "admin:jsi18n": Rule(url=lambda w, s: reverse("admin:jsi18n"), expect=staff(OK)),
    # Autocomplete for the related-story picker: a search over every story, staff who may
    # view stories only.
    "admin:autocomplete": Rule(
        url=lambda w, s: (
            reverse("admin:autocomplete")
            + f"?app_label=articles&model_name=relatedarticle&field_name=to_article&term={WORDS[s]}"
        ),
        expect=lambda role, state: (
            LOGIN
            if role == "anonymous"
            else OK
            if can(role, "articles.article", "vc")
            else FORBIDDEN
        ),
        by_state=True,
        surface="public",
        shows_drafts=lambda role: role != "anonymous" and can(role, "articles.article", "vc"),
        lists_drafts=lambda role: role != "anonymous" and can(role, "articles.article", "vc"),
    ),
    "admin:view_on_site": Rule(
        url=lambda w, s: reverse(
            "admin:view_on_site",
            args=[ContentType.objects.get_for_model(Article).pk, w.stories[s].pk],
        ),
        expect=staff(REDIRECT),
        by_state=True,
        surface="public",
        shows_drafts=lambda role: role != "anonymous",
    ),
    "admin:app_list[auth]": None,  # filled below, one per app
    "route:admin/(?P<url>.*)$": Rule(
        url=lambda w, s: "/admin/no-such-page/", expect=staff(NOT_FOUND)
    ),
}
ADMIN_APPS = sorted({model._meta.app_label for model in admin.site._registry})
del SITE_RULES["admin:app_list[auth]"]
for _app in ADMIN_APPS:
    SITE_RULES[f"admin:app_list[{_app}]"] = Rule(
        url=lambda w, s, app=_app: reverse("admin:app_list", args=[app]),
        expect=lambda role, state, app=_app: (
            LOGIN
            if role == "anonymous"
            else OK
            if any(can(role, m, "vacd") for m in MODEL_ACCESS if m.startswith(f"{app}."))
            else NOT_FOUND
        ),
    )

# Variants of one URL pattern checked with different queries or arguments.
VARIANTS = {
    "articles:detail": ["articles:detail", "articles:detail[old-slug]"],
    "exports:stories": ["exports:stories", "exports:stories[default]", "exports:stories[status]"],
    "admin:app_list": [f"admin:app_list[{app}]" for app in ADMIN_APPS],
}


def _model_view(model: str, view: str) -> Rule | None:
    """The admin's views of one model, by the permission each needs."""
    app, name = model.split(".")
    by_state = model in STORY_MODELS

    def named(*args):
        return lambda w, s: reverse(f"admin:{app}_{name}_{view}", args=args_for(w, s, *args))

    def args_for(w, s, *kinds):
        values = []
        for kind in kinds:
            if kind == "pk":
                values.append(obj_for(w, model, s).pk)
            elif kind == "version":
                values.append(version_for(w, model, s).pk)
            elif kind == "deleted":
                values.append(w.deleted[model].pk)
        return values

    def needs(letters, *, also=""):
        def expect(role, state):
            if role == "anonymous":
                return LOGIN
            allowed = can(role, model, letters) and all(can(role, model, x) for x in also)
            return OK if allowed else FORBIDDEN

        return expect

    def rule(url, expect):
        return Rule(
            url=url,
            expect=expect,
            by_state=by_state,
            surface="public",
            shows_drafts=lambda role: role != "anonymous" and can(role, model, "vc"),
        )

    table = {
        "changelist": (named(), needs("vc")),
        "add": (named(), needs("a")),
        "change": (named("pk"), needs("vc")),
        "history": (named("pk"), needs("vc")),
        "delete": (named("pk"), needs("d")),
        # The bare object URL redirects to the change page, for any staff member.
        "(object)": (
            lambda w, s: f"/admin/{app}/{name}/{obj_for(w, model, s).pk}/",
            staff(REDIRECT),
        ),
        "compare": (named("pk", "version"), needs("vc")),
        "revision": (named("pk", "version"), needs("vc")),
        "recoverlist": (named(), needs("a", also="c")),
        "recover": (named("deleted"), needs("a", also="c")),
        "password_change": (named("pk"), needs("c")),
    }
    if model == "actors.actor" and view == "delete":
        # The actor used here is tagged in stories: its delete page sends those who may
        # delete back to the actor, with the reason (tests/actors/test_delete.py).
        allowed = needs("d")
        return rule(
            named("pk"),
            lambda role, state: {OK: REDIRECT}.get(allowed(role, state), allowed(role, state)),
        )
    if view.startswith("desk_"):
        # Desk endpoints take POSTs only (checked per role in test_desk_endpoint_*).
        return rule(named("pk"), staff(NOT_ALLOWED))
    if view not in table:
        return None
    return rule(*table[view])


def rule_for(key: str) -> Rule | None:
    if key in SITE_RULES:
        return SITE_RULES[key]
    match = re.fullmatch(r"admin:([a-z]+)_([a-z]+)_(\w+)", key) or re.fullmatch(
        r"route:admin/([a-z]+)/([a-z]+)/<path:object_id>/()", key
    )
    if match is None:
        return None
    app, name, view = match.groups()
    model = f"{app}.{name}"
    if model not in MODEL_ACCESS:
        return None
    return _model_view(model, view or "(object)")


# ---------------------------------------------------------------------------------------------
# Walking the URL configuration.


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            yield f"{namespace}{pattern.name}" if pattern.name else f"route:{route}"


def url_keys() -> list[str]:
    keys = []
    for key in _walk(get_resolver().url_patterns):
        keys.extend(VARIANTS.get(key, [key]))
    return keys


def matrix_cases():
    for key in url_keys():
        rule = rule_for(key)
        states = STATES if rule is None or rule.by_state else [ANY]
        for role in ROLES:
            for state in states:
                yield pytest.param(key, role, state, id=f"{key}|{role}|{state}")


def test_every_url_pattern_is_classified():
    keys = url_keys()
    unclassified = [key for key in keys if rule_for(key) is None]
    assert not unclassified, (
        "URL patterns with no row in the access matrix (tests/security/test_access_matrix.py): "
        f"{unclassified}"
    )
    # The walk does reach into the admin, its models and the apps' URLconfs.
    assert {"admin:articles_article_change", "articles:detail", "exports:stories"} <= set(keys)


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


@pytest.mark.parametrize(("key", "role", "state"), list(matrix_cases()))
def test_access_matrix(world, fetched, key, role, state):
    rule = rule_for(key)
    assert rule is not None, f"{key} is not classified: add it to the access matrix"
    url = rule.url(world, None if state == ANY else state)
    response = fetched(role, url)
    assert_answer(response, rule.expect(role, state), url)
    if not rule.surface:
        return
    # Streamed answers are read once; the memo keeps the text for the other cases.
    if not hasattr(response, "matrix_text"):
        response.matrix_text = body(response) + "\n" + response.get("Location", "")
    text = response.matrix_text
    may_see_drafts = rule.shows_drafts is not None and rule.shows_drafts(role)
    states = STATES if state == ANY else [state]
    for shown in states:
        # What the visitor typed in the URL is no secret to them (a 404 page may repeat it).
        leaked = [s for s in secrets(world, shown) if s in text and s not in url]
        if shown in UNPUBLISHED and not may_see_drafts:
            assert not leaked, f"{shown} story leaked to {role} at {url}: {leaked}"
    lists_it = state == "published" or (rule.lists_drafts is not None and rule.lists_drafts(role))
    if rule.surface == "listing" or rule.lists_drafts is not None:
        if state == ANY or response.status_code != 200 or not lists_it:
            return
        story = world.stories[state]
        # A positive control: the page does list stories, so the absence above means something.
        assert story.title in text or story.slug in text, f"{state} story missing from {url}"


# ---------------------------------------------------------------------------------------------
# Admin actions, from the admin site's registry, each posted by every role (a forged POST for
# those not offered it): the effect happens exactly for the roles allowed.


def offered(client, changelist: str) -> set[str]:
    response = client.get(changelist)
    if response.status_code != 200:
        return set()
    form = response.context["action_form"]
    return set() if form is None else {name for name, _label in form.fields["action"].choices}


@dataclass
class Action:
    allowed: object  # (role, state) → whether the role may run it (it is offered)
    select: object  # (world, state) → (objects to select, extra POST data)
    happened: object  # (world, state, selected, response) → whether it took effect
    by_state: bool = False
    runs: object = None  # (state) → whether it changes anything in this state (default: yes)


def _gone(world, state, selected, response):
    model = type(selected[0])
    return not model.objects.filter(pk__in=[obj.pk for obj in selected]).exists()


def _delete(model: str, make, *, by_state=False):
    return Action(
        allowed=lambda role, state: can(role, model, "d"),
        select=lambda w, s: ([make(w, s)], {"post": "yes"}),
        happened=_gone,
        by_state=by_state,
    )


def _story_status(w, s, selected):
    selected[0].refresh_from_db()
    return selected[0].status


def _exported(w, s, selected, response):
    return (
        response is not None
        and getattr(response, "streaming", False)
        and str(selected[0].uuid) in body(response)
    )


def _unused_kind(w, s):
    return RelationshipKind.objects.filter(relationships__isnull=True).first()


def _flagged(w, s):
    Relationship.objects.filter(pk=w.relationship.pk).update(needs_review=True)
    return [w.relationship], {}


def _reviewed(w, s, selected, response):
    return response is not None and not Relationship.objects.get(pk=w.relationship.pk).needs_review


def _story(w, s):
    return [w.stories[s]], {}


def story_perm(letters):
    return lambda role, state: can(role, "articles.article", letters)


def publishers(role, state):
    return role in ("editor", "superuser")


def exporters(role, state):
    return role in EXPORTERS


ACTIONS = {
    "auth.group:delete_selected": _delete(
        "auth.group", lambda w, s: Group.objects.create(name="Éphémère")
    ),
    "auth.user:delete_selected": _delete(
        "auth.user", lambda w, s: UserFactory(username="ephemere")
    ),
    "taggit.tag:delete_selected": _delete(
        "taggit.tag", lambda w, s: Tag.objects.get(name="espace")
    ),
    "actors.actor:delete_selected": _delete("actors.actor", lambda w, s: w.duplicate),
    "actors.actor:merge_actors": Action(
        allowed=lambda role, state: role in ("editor", "superuser"),
        select=lambda w, s: ([w.musk, w.duplicate], {"keep": w.musk.pk}),
        happened=lambda w, s, sel, r: not Actor.objects.filter(pk=w.duplicate.pk).exists(),
    ),
    "actors.alias:delete_selected": _delete("actors.alias", lambda w, s: w.objects["actors.alias"]),
    "actors.actorredirect:delete_selected": _delete(
        "actors.actorredirect", lambda w, s: w.objects["actors.actorredirect"]
    ),
    "actors.relationshipkind:delete_selected": _delete("actors.relationshipkind", _unused_kind),
    "actors.relationship:delete_selected": _delete(
        "actors.relationship", lambda w, s: w.relationship
    ),
    "actors.relationship:mark_reviewed": Action(
        allowed=lambda role, state: can(role, "actors.relationship", "c"),
        select=lambda w, s: _flagged(w, s),
        happened=_reviewed,
    ),
    "articles.section:delete_selected": _delete(
        "articles.section", lambda w, s: SectionFactory(name="Vide", slug="vide")
    ),
    "articles.correction:delete_selected": _delete(
        "articles.correction", lambda w, s: w.corrections[s], by_state=True
    ),
    "articles.article:delete_selected": _delete(
        "articles.article", lambda w, s: w.stories[s], by_state=True
    ),
    "pictures.picture:delete_selected": _delete(
        "pictures.picture",
        lambda w, s: Picture.objects.create(
            file="pictures/unused.jpg",
            alt_text="Une image inutilisée",
            width=800,
            height=600,
            format="JPEG",
            content_hash=uuid.uuid4().hex * 2,
        ),
    ),
    "articles.article:publish": Action(
        allowed=publishers,
        select=_story,
        happened=lambda w, s, sel, r: Article.objects.published().filter(pk=sel[0].pk).exists(),
        by_state=True,
        runs=lambda state: state in ("draft", "review"),
    ),
    "articles.article:unpublish": Action(
        allowed=publishers,
        select=_story,
        happened=lambda w, s, sel, r: _story_status(w, s, sel) == Article.Status.DRAFT,
        by_state=True,
        runs=lambda state: state in ("scheduled", "published"),
    ),
    "articles.article:submit_for_review": Action(
        allowed=story_perm("c"),
        select=_story,
        happened=lambda w, s, sel, r: _story_status(w, s, sel) == Article.Status.REVIEW,
        by_state=True,
        runs=lambda state: state == "draft",
    ),
    **{
        f"articles.article:export_{fmt}": Action(
            allowed=exporters, select=_story, happened=_exported, by_state=True
        )
        for fmt in ("csv", "jsonl", "ninjs")
    },
}


def action_keys() -> list[str]:
    return sorted(
        f"{model._meta.label_lower}:{name}"
        for model, model_admin in admin.site._registry.items()
        for _func, name, _description in model_admin._get_base_actions()
    )


def action_cases():
    for key in action_keys():
        action = ACTIONS.get(key)
        states = STATES if action is None or action.by_state else [ANY]
        for role in ROLES:
            for state in states:
                yield pytest.param(key, role, state, id=f"{key}|{role}|{state}")


def test_every_admin_action_is_classified():
    unclassified = sorted(set(action_keys()) - set(ACTIONS))
    assert not unclassified, f"admin actions with no row in the access matrix: {unclassified}"
    assert "articles.article:publish" in action_keys()


@pytest.mark.parametrize(("key", "role", "state"), list(action_cases()))
def test_admin_action_matrix(world, clients, key, role, state):
    action = ACTIONS.get(key)
    assert action is not None, f"admin action {key} is not classified: add it to ACTIONS"
    state = None if state == ANY else state
    label, name = key.split(":")
    app, model = label.split(".")
    changelist = reverse(f"admin:{app}_{model}_changelist")
    client = clients[role]
    allowed = action.allowed(role, state)
    if role != "anonymous":
        assert (name in offered(client, changelist)) == allowed, f"{key} offered to {role}"
    selected, extra = action.select(world, state)
    before = action.happened(world, state, selected, None)
    response = client.post(
        changelist,
        {"action": name, ACTION_CHECKBOX_NAME: [obj.pk for obj in selected], **extra},
    )
    runs = action.runs is None or action.runs(state)
    effect = action.happened(world, state, selected, response) and not before
    assert effect == (allowed and runs), f"{key} by {role} on a {state or ''} story"
    if role == "anonymous":
        assert_answer(response, LOGIN, changelist)
        leaked = [s for s in secrets(world, state) if s in body(response)] if state else []
        assert not leaked, f"{key} answered {role} with the {state} story: {leaked}"


# ---------------------------------------------------------------------------------------------
# The desk's POST endpoints on a story's change form.


def _desk_tag(w, s):
    return {"actor": w.bezos.pk, "role": ArticleActor.Role.ABOUT}


def _desk_relationship(w, s):
    ArticleActorFactory(article=w.stories[s], actor=w.bezos)
    return {
        "source": w.musk.pk,
        "kind": _unused_kind(w, s).pk,
        "target": w.bezos.pk,
        "status": Relationship.Status.REPORTED,
    }


def _desk_link(w, s):
    return {"related": ArticleFactory(title="Lien frais", slug="lien-frais").pk}


DESK = {
    "tag": (
        lambda role: role in ("reporter", "editor", "superuser"),
        _desk_tag,
        lambda w, s, r: ArticleActor.objects.filter(article=w.stories[s], actor=w.bezos).exists(),
    ),
    "create_actor": (
        lambda role: role in ("editor", "superuser"),
        lambda w, s: {"name": "Zelda Zorglub", "kind": "person", "role": "about"},
        lambda w, s, r: Actor.objects.filter(name="Zelda Zorglub").exists(),
    ),
    "link": (
        lambda role: role in ("reporter", "editor", "superuser"),
        _desk_link,
        lambda w, s, r: RelatedArticle.objects.filter(
            from_article=w.stories[s], to_article__slug="lien-frais"
        ).exists(),
    ),
    "relationship": (
        lambda role: role in ("editor", "superuser"),
        _desk_relationship,
        lambda w, s, r: (
            Relationship.objects.filter(source=w.musk, target=w.bezos, evidence=w.stories[s])
            .exclude(pk=w.relationship.pk)
            .exists()
        ),
    ),
    # The actor panel redrawn for the text being edited: anyone who may see the story.
    "panel": (
        lambda role: role != "anonymous",
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
    response = clients[role].post(url, data(world, state), HTTP_ACCEPT="application/json")
    if role == "anonymous":
        assert_answer(response, LOGIN, url)
    elif not allowed(role):
        assert response.status_code == FORBIDDEN, url
    assert happened(world, state, response) == allowed(role), f"{name} by {role}"


# ---------------------------------------------------------------------------------------------
# Restoring history writes the status back: publishing that way takes the publish permission.


def form_values(response, form_id="article_form") -> dict:
    form = lxml.html.fromstring(response.content.decode()).get_element_by_id(form_id)
    values: dict = {}
    for name, value in form.form_values():
        if "__prefix__" not in name:
            values.setdefault(name, []).append(value)
    return values


def _history(world, how: str):
    """A story and the history entry to restore, and whether restoring it moves publication."""
    editor = world.users["editor"]
    story = ArticleFactory(
        title="Historique", slug="historique", status=Article.Status.DRAFT, publish_at=None
    )
    with reversion.create_revision():
        reversion.set_user(editor)
        story.save()
    if how == "unchanged":
        return story, Version.objects.get_for_object(story).get()
    article_publish(article=story, by=editor)
    if how == "republish":
        article_unpublish(article=story, by=editor)
        entries = Version.objects.get_for_object(story).order_by("pk")
        return story, next(v for v in entries if v.field_dict["status"] == "published")
    if how == "unpublish":
        return story, Version.objects.get_for_object(story).order_by("pk").first()
    version = Version.objects.get_for_object(story).order_by("pk").last()
    story.delete()
    return None, version


RESTORES = ["republish", "unpublish", "recover", "unchanged"]


@pytest.mark.parametrize("how", RESTORES)
@pytest.mark.parametrize("role", ROLES)
def test_restoring_history_publishes_only_for_publishers(world, clients, role, how):
    story, version = _history(world, how)
    if story is None:
        url = reverse("admin:articles_article_recover", args=[version.pk])
    else:
        url = reverse("admin:articles_article_revision", args=[story.pk, version.pk])
    was = None if story is None else (story.status, story.is_public)
    page = clients["superuser"].get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    response = clients[role].post(url, form_values(page), HTTP_ACCEPT_LANGUAGE="en")

    restored = Article.objects.filter(slug="historique").first()
    now = None if restored is None else (restored.status, restored.is_public)
    may_publish = role in ("editor", "superuser")
    may_restore = may_publish or (how == "unchanged" and can(role, "articles.article", "c"))
    if role == "anonymous":
        assert_answer(response, LOGIN, url)
    if may_restore:
        assert response.status_code == 302, response.context and response.context["errors"]
        assert restored is not None and restored.status == version.field_dict["status"]
        return
    assert now == was, f"{role} restored a {how} entry: {was} → {now}"
    if role == "reporter":
        shown = clients[role].get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
        notes = [str(message) for message in shown.context["messages"]]
        assert notes == [
            "Only editors can restore a version that publishes, unpublishes or reschedules "
            "the story."
        ]

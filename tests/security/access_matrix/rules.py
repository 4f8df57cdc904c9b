"""What every URL answers each role, for each story state: one Rule per URL pattern."""

import re

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from articles.models import Article
from tests.security.access_matrix.rule_kinds import (  # noqa: F401 - EXPORTERS is read from here
    EXPORTERS,
    PAIR,
    Rule,
    everyone,
    export_expect,
    exports_url,
    listing,
    public_story,
    staff,
    tag_page,
)
from tests.security.access_matrix.world import (
    ANY,
    FORBIDDEN,
    LOGIN,
    MODEL_ACCESS,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    REDIRECT,
    ROLES,
    STATES,
    STORY_MODELS,
    WORDS,
    can,
    obj_for,
    version_for,
)

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
    # The directories: actors and topics name no story (a secret topic must not show);
    # the sections list shows each section's newest public story.
    "actors:index": Rule(
        url=lambda w, s: reverse("actors:index"), expect=everyone(OK), surface="public"
    ),
    "articles:tags": Rule(
        url=lambda w, s: reverse("articles:tags"), expect=everyone(OK), surface="public"
    ),
    "articles:sections": listing(lambda w, s: reverse("articles:sections")),
    "actors:detail": listing(lambda w, s: w.musk.get_absolute_url()),
    # Signs every story: the page lists the public one and names no secret one.
    "contributors:detail": listing(
        lambda w, s: w.objects["contributors.contributor"].get_absolute_url()
    ),
    "contributors:rss": listing(
        lambda w, s: reverse("contributors:rss", args=[w.objects["contributors.contributor"].slug])
    ),
    "contributors:atom": listing(
        lambda w, s: reverse("contributors:atom", args=[w.objects["contributors.contributor"].slug])
    ),
    # Names contributors who sign a public story, and no story.
    "contributors:index": Rule(
        url=lambda w, s: reverse("contributors:index"), expect=everyone(OK), surface="public"
    ),
    "actors:rss": listing(lambda w, s: reverse("actors:rss", args=["elon-musk"])),
    "actors:atom": listing(lambda w, s: reverse("actors:atom", args=["elon-musk"])),
    # A pair's page and feeds, and the connection finder: the relationship is reported by
    # every state's story; only the public one is named as its source.
    "actors:relationship": listing(lambda w, s: reverse("actors:relationship", args=PAIR)),
    "actors:relationship-rss": listing(lambda w, s: reverse("actors:relationship-rss", args=PAIR)),
    "actors:relationship-atom": listing(
        lambda w, s: reverse("actors:relationship-atom", args=PAIR)
    ),
    "actors:connections": listing(
        lambda w, s: reverse("actors:connections", args=["elon-musk"]) + "?to=jeff-bezos"
    ),
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
        url=exports_url(lambda w, s: ""), expect=export_expect(), surface="public"
    ),
    "exports:stories[default]": Rule(
        url=exports_url(lambda w, s: "?format=jsonl"),
        expect=export_expect(),
        by_state=True,
        surface="listing",
        # Public stories only; their related links may name unpublished ones by uuid, which
        # these roles could export in full anyway.
        shows_drafts=lambda role: role in EXPORTERS,
    ),
    "exports:stories[status]": Rule(
        url=exports_url(lambda w, s: f"?format=jsonl&status={w.stories[s].status}"),
        expect=export_expect(),
        by_state=True,
        surface="listing",
        shows_drafts=lambda role: role in EXPORTERS,
        lists_drafts=lambda role: role in EXPORTERS,
    ),
    # Machines and the language switch.
    "healthz": Rule(url=lambda w, s: reverse("healthz"), expect=everyone(OK)),
    "readyz": Rule(url=lambda w, s: reverse("readyz"), expect=everyone(OK)),
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


def sent_back(expect):
    """A page that sends those it would have shown elsewhere (REDIRECT instead of OK)."""

    def answer(role, state):
        allowed = expect(role, state)
        return REDIRECT if allowed == OK else allowed

    return answer


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
    if model == "articles.article" and view in ("recover", "recoverlist"):
        # Undoing a delete is for those who may delete (article_check_restore).
        return rule(table[view][0], needs("a", also="cd"))
    if model == "articles.correction":
        # Public record: a correction is compared, never restored nor recovered; the one
        # used here is published, so its delete page sends editors back to it, with the
        # reason; an entry of its history opens as a comparison.
        if view in ("recover", "recoverlist"):
            return rule(table[view][0], staff(FORBIDDEN))
        if view in ("delete", "revision"):
            return rule(table[view][0], sent_back(table[view][1]))
    if model in ("actors.actor", "contributors.contributor") and view == "delete":
        # The actor used here is tagged in stories (the contributor signs them): its delete
        # page sends those who may delete back to it, with the reason
        # (tests/actors/test_delete.py, tests/contributors/test_admin.py).
        return rule(named("pk"), sent_back(needs("d")))
    if model == "articles.changeproposal" and view in ("add", "approve", "reject"):
        # Made by saving a story, decided by POST buttons (tests/articles/test_proposals.py).
        answer = NOT_ALLOWED if view in ("approve", "reject") else FORBIDDEN
        return rule(named() if view == "add" else named("pk"), staff(answer))
    if model == "api.apikey" and view in ("change", "history", "delete"):
        # Staff see their own keys only (the one used here is export staff's): another's key
        # "does not exist" for them. Keys are revoked, never deleted.
        def key_page(role, state):
            if role == "anonymous":
                return LOGIN
            if view == "delete" or not can(role, model, "v"):
                return FORBIDDEN
            return OK if role in ("export_staff", "superuser") else REDIRECT

        return rule(named("pk"), key_page)
    if model == "webhooks.webhookdelivery" and view in ("add", "delete"):
        # A log the worker writes: nobody adds or deletes an entry, superusers included.
        return rule(table[view][0], staff(FORBIDDEN))
    if model == "articles.article" and view == "body_preview":
        # The writing surface's preview takes POSTs only (per role in tests/desk/test_writing.py).
        return rule(named(), staff(NOT_ALLOWED))
    if model == "articles.article" and view == "topics":
        # The topic autocomplete: for whoever writes stories, new or existing.
        def writer(role, state):
            if role == "anonymous":
                return LOGIN
            return OK if can(role, model, "a") or can(role, model, "c") else FORBIDDEN

        return rule(lambda w, s: reverse("admin:articles_article_topics") + "?q=el", writer)
    if model == "articles.article" and view == "manuscript":
        # A manuscript becomes a new draft: the add permission.
        return rule(named(), needs("a"))
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
        if key.startswith("api:"):
            continue  # the content API has its own matrix, per kind of key (test_api_matrix.py)
        keys.extend(VARIANTS.get(key, [key]))
    return keys


def is_admin(key: str) -> bool:
    return key.startswith(("admin:", "route:admin/"))


def matrix_cases(*, admin_site: bool):
    """(key, role, state) for the admin's URLs, or for the others."""
    for key in url_keys():
        if is_admin(key) != admin_site:
            continue
        rule = rule_for(key)
        states = STATES if rule is None or rule.by_state else [ANY]
        for role in ROLES:
            for state in states:
                yield pytest.param(key, role, state, id=f"{key}|{role}|{state}")

"""The editors' desk on a story's change form: suggestion panels and their one-click
endpoints (tag a named actor, create and tag an unknown name, link a related story,
record a relationship the story reports).

Each endpoint is a small POST view behind the admin's login and CSRF checks; it checks the
permission, calls one service and answers JSON to the panel's script, or redirects back to
the change form (plain form posts work without JavaScript).
"""

import dataclasses

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actors.models import Actor, Relationship
from actors.services import relationship_record
from actors.suggestions import suggest_for_article
from articles.models import Article
from articles.related import related_suggestions
from articles.services import article_link_related, article_tag_actor, article_tag_new_actor
from desk.models import DismissedName
from desk.panel_forms import (
    CreateActorForm,
    DismissForm,
    LinkForm,
    RelationshipForm,
    RestoreForm,
    TagForm,
)
from desk.services import dismissed_name_delete, dismissed_name_save


class Desk:
    """Bound to the story ModelAdmin; its views are wired in ArticleAdmin.get_urls()."""

    def __init__(self, model_admin):
        self.model_admin = model_admin

    # Permissions, per user and story.

    def can_edit(self, request, article) -> bool:
        return self.model_admin.has_change_permission(request, article)

    def permissions(self, request, article) -> dict:
        user, edit = request.user, self.can_edit(request, article)
        return {
            "can_tag": edit and user.has_perm("articles.add_articleactor"),
            "can_create_actor": edit
            and user.has_perm("actors.add_actor")
            and user.has_perm("articles.add_articleactor"),
            "can_link": edit and user.has_perm("articles.add_relatedarticle"),
            "can_record": edit
            and user.has_perm("actors.add_relationship")
            and user.has_perm("actors.change_relationship"),
            # The desk's own list, never shown to readers: live stories included.
            "can_dismiss": edit and user.has_perm("desk.add_dismissedname"),
            "can_restore": edit and user.has_perm("desk.delete_dismissedname"),
        }

    def urls(self, article) -> dict:
        return {
            name: reverse(f"admin:articles_article_desk_{name}", args=[article.pk])
            for name in (
                "tag",
                "create_actor",
                "link",
                "relationship",
                "dismiss",
                "restore",
                "panel",
            )
        }

    def actor_context(self, request, article, **text) -> dict:
        """The actor panel; ``text`` is the headline/standfirst/body being edited. What an
        editor dismissed for this story is left out (and listed, to be restored)."""
        dismissed = list(
            DismissedName.objects.filter(article=article).select_related("actor", "dismissed_by")
        )
        actors = {row.actor_id for row in dismissed if row.actor_id}
        names = {row.name_folded for row in dismissed if not row.actor_id}
        suggestions = suggest_for_article(article, **text)
        suggestions = dataclasses.replace(
            suggestions,
            actors=[s for s in suggestions.actors if s.actor.pk not in actors],
            names=[n for n in suggestions.names if DismissedName.key(n.name) not in names],
        )
        return {
            "desk_article": article,
            "desk_suggestions": suggestions,
            "desk_dismissed": dismissed,
            "desk_kinds": Actor.Kind.choices,
            "desk_urls": self.urls(article),
            **self.permissions(request, article),
        }

    def context(self, request, article) -> dict:
        """Everything the side panels show."""
        return {
            **self.actor_context(request, article),
            "desk_related": related_suggestions(article, limit=5),
            "desk_relationship_form": RelationshipForm(article=article, auto_id="desk-rel-%s"),
        }

    # Views.

    def _article(self, request, object_id, permission: str) -> Article:
        article = get_object_or_404(Article, pk=object_id)
        if not self.permissions(request, article)[permission]:
            raise PermissionDenied
        return article

    def _answer(self, request, article, *, ok: bool, message: str, **data):
        if "application/json" in request.headers.get("Accept", ""):
            return JsonResponse({"ok": ok, "message": message, **data}, status=200 if ok else 400)
        messages.add_message(request, messages.SUCCESS if ok else messages.ERROR, message)
        url = reverse("admin:articles_article_change", args=[article.pk])
        return HttpResponseRedirect(url + "#desk-panels")

    def _refused(self, request, article, errors: dict, labels: dict):
        """A 400 naming each field in the message ("Ended on: …"), and the errors by field
        for the script to put next to each one."""
        named = [
            # French sets a space before the colon.
            _("%(field)s: %(message)s") % {"field": labels[field], "message": message}
            if field in labels
            else message
            for field, messages_ in errors.items()
            for message in messages_
        ]
        return self._answer(
            request,
            article,
            ok=False,
            message="; ".join(named),
            errors={field: list(messages_) for field, messages_ in errors.items()},
        )

    def _invalid(self, request, article, form):
        labels = {name: field.label or capfirst(name) for name, field in form.fields.items()}
        return self._refused(request, article, form.errors, labels)

    def _run(self, request, article, call, success, form=None):
        try:
            result = call()
        except PermissionDenied as error:
            return self._answer(request, article, ok=False, message=str(error))
        except ValidationError as error:
            if hasattr(error, "error_dict") and form is not None:
                labels = {name: field.label for name, field in form.fields.items()}
                return self._refused(request, article, error.message_dict, labels)
            return self._answer(request, article, ok=False, message="; ".join(error.messages))
        return success(result)

    def tag_view(self, request, object_id):
        article = self._article(request, object_id, "can_tag")
        form = TagForm(request.POST)
        if not form.is_valid():
            return self._invalid(request, article, form)
        actor, role = form.cleaned_data["actor"], form.cleaned_data["role"]
        return self._run(
            request,
            article,
            lambda: article_tag_actor(article=article, actor=actor, role=role, by=request.user),
            lambda tag: self._answer(
                request,
                article,
                ok=True,
                message=_("%(actor)s tagged as “%(role)s”.")
                % {"actor": actor, "role": tag.get_role_display()},
                actor=actor.pk,
                role=tag.role,
            ),
        )

    def create_actor_view(self, request, object_id):
        article = self._article(request, object_id, "can_create_actor")
        form = CreateActorForm(request.POST)
        if not form.is_valid():
            return self._invalid(request, article, form)
        return self._run(
            request,
            article,
            lambda: article_tag_new_actor(article=article, **form.cleaned_data, by=request.user),
            lambda tag: self._answer(
                request,
                article,
                ok=True,
                message=_("%(actor)s created and tagged as “%(role)s”.")
                % {"actor": tag.actor, "role": tag.get_role_display()},
                actor=tag.actor_id,
                url=reverse("admin:actors_actor_change", args=[tag.actor_id]),
            ),
            form,
        )

    def link_view(self, request, object_id):
        article = self._article(request, object_id, "can_link")
        form = LinkForm(request.POST)
        if not form.is_valid():
            return self._invalid(request, article, form)
        related = form.cleaned_data["related"]
        return self._run(
            request,
            article,
            lambda: article_link_related(article=article, related=related, by=request.user),
            lambda link: self._answer(
                request,
                article,
                ok=True,
                message=_("“%(story)s” added to the related stories.") % {"story": related},
                related=related.pk,
            ),
        )

    def relationship_view(self, request, object_id):
        article = self._article(request, object_id, "can_record")
        form = RelationshipForm(request.POST, article=article)
        if not form.is_valid():
            return self._invalid(request, article, form)
        data = form.cleaned_data
        pair = {key: data[key] for key in ("source", "kind", "target", "started_on")}
        # The service adds this story to a relationship recorded already, and leaves it as is.
        known = Relationship.objects.filter(**pair).exists()
        return self._run(
            request,
            article,
            lambda: relationship_record(
                source=data["source"],
                kind=data["kind"],
                target=data["target"],
                **form.details(),
                evidence=[article],
                by=request.user,
            ),
            lambda relationship: self._answer(
                request,
                article,
                ok=True,
                message=(
                    _(
                        "Already recorded: %(relationship)s. This story is part of its "
                        "evidence; its dates, amount and note are changed on its own page."
                    )
                    if known
                    else _("Recorded: %(relationship)s, with this story as evidence.")
                )
                % {"relationship": relationship},
                relationship=relationship.pk,
                url=reverse("admin:actors_relationship_change", args=[relationship.pk]),
            ),
            form,
        )

    def dismiss_view(self, request, object_id):
        article = self._article(request, object_id, "can_dismiss")
        form = DismissForm(request.POST)
        if not form.is_valid():
            return self._invalid(request, article, form)
        return self._run(
            request,
            article,
            lambda: dismissed_name_save(article=article, **form.cleaned_data, by=request.user),
            lambda dismissed: self._answer(
                request,
                article,
                ok=True,
                message=_("“%(name)s” dismissed for this story; it is listed under “Dismissed”.")
                % {"name": dismissed},
                dismissed=dismissed.pk,
            ),
            form,
        )

    def restore_view(self, request, object_id):
        article = self._article(request, object_id, "can_restore")
        form = RestoreForm(request.POST, article=article)
        if not form.is_valid():
            return self._invalid(request, article, form)
        dismissed = form.cleaned_data["dismissed"]
        return self._run(
            request,
            article,
            lambda: dismissed_name_delete(dismissed=dismissed, by=request.user),
            lambda _none: self._answer(
                request,
                article,
                ok=True,
                message=_("“%(name)s” is suggested again for this story.") % {"name": dismissed},
            ),
        )

    def panel_view(self, request, object_id):
        """The actor panel again, for the headline, standfirst and body being edited."""
        article = get_object_or_404(Article, pk=object_id)
        if not self.model_admin.has_view_or_change_permission(request, article):
            raise PermissionDenied
        text = {
            name: request.POST[name]
            for name in ("title", "standfirst", "body")
            if name in request.POST
        }
        return TemplateResponse(
            request,
            "admin/articles/article/desk_actors.html",
            self.actor_context(request, article, **text),
        )

    def views(self):
        """(route suffix, name, view) triples for get_urls()."""
        return [
            ("tag", "tag", self.tag_view),
            ("create-actor", "create_actor", self.create_actor_view),
            ("link", "link", self.link_view),
            ("relationship", "relationship", self.relationship_view),
            ("dismiss", "dismiss", self.dismiss_view),
            ("restore", "restore", self.restore_view),
            ("panel", "panel", self.panel_view),
        ]


def post_only(view):
    wrapped = require_POST(view)

    def guarded(request, object_id):
        if not object_id.isdigit():
            raise Http404
        return wrapped(request, object_id)

    return guarded

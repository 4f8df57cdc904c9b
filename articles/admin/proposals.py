"""Proposed changes to live stories: the editors' queue and the review page.

The review shows what approving would change on the live story; Approve saves the
reporter's form as the editor through the story admin (ReviewMixin.replay_proposal), Reject
only records the decision. Reporters see their own proposals, and decide none.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from actors.models import Actor
from articles.models import Article, ChangeProposal
from articles.services import (
    PUBLISH_PERMISSION,
    proposal_approve,
    proposal_check_pending,
    proposal_reject,
)
from editing.history import word_diff


def _shown(field, value) -> str:
    if value in (None, "", [], ()):
        return "—"
    if hasattr(value, "all"):
        value = list(value.all())
    if isinstance(value, list | tuple):
        return ", ".join(sorted(str(getattr(item, "name", item)) for item in value)) or "—"
    choices = dict(getattr(field, "choices", None) or [])
    return str(choices.get(value, value))


def field_changes(form) -> list[dict]:
    """The story's fields the proposal changes, as they are now and as proposed."""
    rows = []
    for name in form.changed_data:
        bound = form[name]
        before = bound.initial
        try:
            after = bound.field.clean(bound.data)
        except ValidationError:
            after = bound.data
        label = str(capfirst(bound.label))
        if isinstance(before, str) and isinstance(after, str) and name == "body":
            old, new = word_diff(before, after)
        else:
            old, new = _shown(bound.field, before), _shown(bound.field, after)
        rows.append({"label": label, "before": old, "after": new, "long": name == "body"})
    return rows


def _kept(data: dict, prefix: str, key: str) -> set[int] | None:
    """The rows an inline formset keeps, by the id of what they point to."""
    total = data.get(f"{prefix}-TOTAL_FORMS")
    if not total:
        return None
    kept = set()
    for i in range(int(total[0] or 0)):
        value = (data.get(f"{prefix}-{i}-{key}") or [""])[0]
        if value.isdigit() and not (data.get(f"{prefix}-{i}-DELETE") or [""])[0]:
            kept.add(int(value))
    return kept


def row_changes(article: Article, data: dict) -> list[dict]:
    """Tagged actors and related stories the proposal adds or removes."""
    groups = []
    for label, prefix, key, now, model in [
        (
            gettext_lazy("Tagged actors"),
            "actor_tags",
            "actor",
            article.actor_tags.values_list("actor_id", flat=True),
            Actor,
        ),
        (
            gettext_lazy("Related stories"),
            "related_links",
            "to_article",
            article.related_links.values_list("to_article_id", flat=True),
            Article,
        ),
    ]:
        after = _kept(data, prefix, key)
        if after is None:
            continue
        before = set(now)

        def names(ids, model=model):
            return sorted(str(obj) for obj in model._default_manager.filter(pk__in=ids))

        added, removed = names(after - before), names(before - after)
        groups.append({"label": label, "added": added, "removed": removed})
    return groups


@admin.register(ChangeProposal)
class ChangeProposalAdmin(admin.ModelAdmin):
    list_display = ["article", "proposed_by", "created_at", "changes", "status"]
    list_filter = ["status"]
    list_select_related = ["article", "proposed_by"]
    search_fields = ["article__title"]
    fields = [
        "article",
        "proposed_by",
        "created_at",
        "changes",
        "status",
        "decided_by",
        "decided_at",
    ]
    readonly_fields = fields
    change_form_template = "admin/articles/changeproposal/review.html"

    @admin.display(description=gettext_lazy("changes"))
    def changes(self, proposal):
        return ", ".join(proposal.changed) or "—"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        # Reporters see their own; the others are refused by the permission checks (403),
        # not told "no such proposal".
        if request.user.has_perm(PUBLISH_PERMISSION) or not self.has_view_permission(request):
            return queryset
        return queryset.filter(proposed_by=request.user)

    # Made by saving a story's form, decided by the buttons of the review page: never edited.
    # (Deleted with their story, by those who may delete them.)
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/approve/",
                wrap(require_POST(self.approve_view)),
                name="articles_changeproposal_approve",
            ),
            path(
                "<path:object_id>/reject/",
                wrap(require_POST(self.reject_view)),
                name="articles_changeproposal_reject",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        proposal = self.get_object(request, object_id)
        if proposal is not None:
            extra_context = {**self._review(request, proposal), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context)

    def _story_admin(self):
        return self.admin_site._registry[Article]

    def _review(self, request, proposal) -> dict:
        article = proposal.article
        data = QueryDict(mutable=True)
        for key, values in proposal.data.items():
            data.setlist(key, values)
        story_admin = self._story_admin()
        form = story_admin.get_form(request, article, change=True)(data=data, instance=article)
        return {
            "proposal": proposal,
            "fields": field_changes(form),
            "followed": row_changes(article, proposal.data),
            "story_url": reverse("admin:articles_article_change", args=[article.pk]),
            "may_decide": proposal.is_pending and request.user.has_perm(PUBLISH_PERMISSION),
            # Saved since the reporter opened it: approving shows the lock's conflict message.
            "story_moved": proposal.is_pending
            and proposal.data.get("loaded_version") != [str(article.version)],
        }

    def _back(self, proposal):
        return HttpResponseRedirect(
            reverse("admin:articles_changeproposal_change", args=[proposal.pk])
        )

    def approve_view(self, request, object_id):
        proposal = get_object_or_404(self.get_queryset(request), pk=object_id)
        # The editor's own form, sent back from a conflict, or the reporter's as proposed.
        data = request.POST if "loaded_version" in request.POST else proposal.data
        try:
            with transaction.atomic():
                proposal = proposal_check_pending(proposal=proposal, by=request.user)
                response, saved = self._story_admin().replay_proposal(request, proposal, data)
                if saved:
                    proposal_approve(proposal=proposal, by=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return self._back(proposal)
        if saved:
            self.message_user(
                request, _("The proposed change is approved: readers see it now."), messages.SUCCESS
            )
            return HttpResponseRedirect(reverse("admin:articles_changeproposal_changelist"))
        # A conflict: the story form, with the proposed version and the message.
        return response if response.status_code == 200 else self._back(proposal)

    def reject_view(self, request, object_id):
        proposal = get_object_or_404(self.get_queryset(request), pk=object_id)
        try:
            proposal_reject(proposal=proposal, by=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(
                request,
                _("The proposed change is rejected: the story stays as it is."),
                messages.SUCCESS,
            )
        return self._back(proposal)

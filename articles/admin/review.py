"""The story form's side of "a reporter's change to a live story waits for an editor".

A reporter's valid save of a live story writes nothing: the submitted form becomes a
ChangeProposal (articles.services.article_propose_change). An editor approves it by saving
that same form as themselves (``replay_proposal``), so the form's checks, the services, the
lock and the history apply at that moment.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.http import HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reversion import is_active, set_comment

from articles.models import Article, ChangeProposal, Correction
from articles.services import article_propose_change, live_change_needs_review


class ProposeInstead(Exception):
    """Raised inside the admin's transaction (rolled back); the proposal is stored after."""

    def __init__(self, data: dict, changed: list[str]):
        super().__init__()
        self.data, self.changed = data, changed


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else _("someone")


def disabled_values(form) -> dict[str, list[str]]:
    """The values of the fields the reporter's form showed disabled (a live story's status
    and time), which browsers do not send: the editor's form needs them as they were."""
    values = {}
    for name, field in form.fields.items():
        if not field.disabled:
            continue
        key, value = form.add_prefix(name), form.get_initial_for_field(field, name)
        if isinstance(field, forms.SplitDateTimeField):
            local = timezone.localtime(value) if value else None
            values[f"{key}_0"] = [local.date().isoformat() if local else ""]
            values[f"{key}_1"] = [local.time().isoformat() if local else ""]
        else:
            values[key] = ["" if value is None else str(value)]
    return values


class ReviewMixin:
    """For ArticleAdmin: first in its bases, so it acts before the lock claims the story."""

    def save_model(self, request, obj, form, change):
        stored = Article.objects.get(pk=obj.pk) if change else None
        if stored is not None and live_change_needs_review(article=stored, by=request.user):
            request._propose_change = True  # nothing written; save_related decides
            return None
        return super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if getattr(request, "_propose_change", False):
            story = [fs for fs in formsets if fs.model is not Correction and fs.has_changed()]
            if form.changed_data or story:
                changed = [
                    str(capfirst(form.fields[name].label or name)) for name in form.changed_data
                ]
                changed += [str(capfirst(fs.model._meta.verbose_name_plural)) for fs in story]
                data = {key: form.data.getlist(key) for key in form.data}
                raise ProposeInstead({**data, **disabled_values(form)}, changed)
            # Only a correction: it is proposed through its own service, the story untouched.
        return super().save_related(request, form, formsets, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ProposeInstead as proposal:
            article = Article.objects.get(pk=unquote(object_id))
            article_propose_change(
                article=article, data=proposal.data, changed=proposal.changed, by=request.user
            )
            self.message_user(
                request,
                _(
                    "This story is published: your change is waiting for an editor's review. "
                    "Readers see the story as it was until an editor approves it."
                ),
                messages.SUCCESS,
            )
            return HttpResponseRedirect(request.path)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            self._announce_proposals(request, unquote(object_id))
        return super().change_view(request, object_id, form_url, extra_context)

    def _announce_proposals(self, request, pk) -> None:
        article = self.get_object(request, pk)
        if article is None:
            return  # no such story (or no valid id): the change view says so
        pk = article.pk
        pending = ChangeProposal.objects.pending().filter(article_id=pk)
        if request.user.has_perm("articles.publish_article"):
            count = pending.count()
            if count:
                url = reverse("admin:articles_changeproposal_changelist")
                text = ngettext(
                    "%(count)d proposed change to this story awaits review.",
                    "%(count)d proposed changes to this story await review.",
                    count,
                ) % {"count": count}
                link = format_html(
                    '<a href="{}?article__id__exact={}&status__exact=pending">{}</a>',
                    url,
                    pk,
                    _("Review"),
                )
                self.message_user(request, format_html("{} {}", text, link), messages.WARNING)
            return
        if live_change_needs_review(article=article, by=request.user):
            self.message_user(
                request,
                _(
                    "This story is published: saving it proposes your change to an editor, "
                    "who approves or rejects it."
                ),
                messages.INFO,
            )
        for proposal in pending.filter(proposed_by=request.user).order_by("created_at"):
            when = date_format(timezone.localtime(proposal.created_at), "DATETIME_FORMAT")
            self.message_user(
                request,
                _("Your change of %(when)s awaits an editor's review.") % {"when": when},
                messages.INFO,
            )

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        proposal = getattr(request, "_approving", None)
        if proposal is not None and is_active():
            set_comment(
                entry.get_change_message()
                + " "
                + _("Proposed by %(who)s.") % {"who": _name(proposal.proposed_by)}
            )
        return entry

    def replay_proposal(self, request, proposal: ChangeProposal, data) -> tuple[object, bool]:
        """Save the proposal's form (or the editor's own, sent back from a conflict) as the
        editor: (the story admin's answer, whether the story was saved)."""
        post = QueryDict(mutable=True)
        for key, values in data.lists() if hasattr(data, "lists") else data.items():
            post.setlist(key, values)
        post.setdefault("_save", "1")
        request.POST, request._approving = post, proposal
        article = proposal.article
        before = Article.objects.filter(pk=article.pk).values_list("version", flat=True).get()
        # Read in the language it was typed in: "03/12/2026" is not the same day in English.
        typed_in = proposal.language or translation.get_language()
        with translation.override(typed_in):
            response = self.change_view(request, str(article.pk))
        after = Article.objects.filter(pk=article.pk).values_list("version", flat=True).get()
        return response, after > before and response.status_code == 302

"""History pages for the admin: who changed what, compared with the entry before it.

django-reversion's VersionAdmin lists the entries and restores them; this adds a compare
page per entry, listing changed fields and the rows that follow the object in its history
(a story's tagged actors, related links and corrections; an actor's aliases).

Only what an editor edits is compared: fields the form never shows (a rendered body, a
version counter) are derived, not changes. Followed rows are matched by identity (model and
primary key), so a row whose description moved with its story (a topic, a tagged actor) is
not reported as removed and added again.
"""

import difflib
import re
from functools import update_wrapper

import reversion
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reversion.models import Version

QUIET = {"version", "updated_at", "created_at", "name_folded", "folded", "uuid"}
# Words and the spaces after them: a body change is shown word by word.
_WORDS = re.compile(r"\S+\s*|\s+")


def word_diff(before: str, after: str) -> tuple[SafeString, SafeString]:
    """Both texts as escaped HTML, the words one removed and the other added marked."""
    old, new = _WORDS.findall(before or ""), _WORDS.findall(after or "")
    left, right = [], []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = escape("".join(old[i1:i2])), escape("".join(new[j1:j2]))
        if tag == "equal":
            left.append(removed)
            right.append(added)
            continue
        if removed:
            left.append(f"<del>{removed}</del>")
        if added:
            right.append(f"<ins>{added}</ins>")
    return mark_safe("".join(left)), mark_safe("".join(right))  # noqa: S308 (escaped above)


def _display(field, value) -> str:
    if value in (None, "", []):
        return "—"
    if field.many_to_many:
        related = field.remote_field.model._default_manager.filter(pk__in=value)
        names = sorted(str(obj) for obj in related)
        missing = len(set(value)) - len(names)
        return ", ".join(names + ([_("%(n)d deleted") % {"n": missing}] if missing > 0 else []))
    if field.is_relation:
        obj = field.remote_field.model._default_manager.filter(pk=value).first()
        return str(obj) if obj is not None else _("deleted (#%(pk)s)") % {"pk": value}
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def field_changes(model, before: dict, after: dict) -> list[dict]:
    rows = []
    for field in model._meta.concrete_fields + model._meta.many_to_many:
        if field.name in QUIET or field.primary_key or not field.editable:
            continue  # bookkeeping and derived data (a rendered body) are not edits
        if field.name not in after:
            continue
        if field.many_to_many and not field.remote_field.through._meta.auto_created:
            continue  # rows of their own (tags, topics): listed with the followed rows
        old, new = before.get(field.name), after.get(field.name)
        if field.many_to_many:
            old, new = sorted(old or []), sorted(new or [])
        if old == new:
            continue
        long = isinstance(field, models.TextField)
        if long:
            shown_before, shown_after = word_diff(old or "", new or "")
        else:
            shown_before, shown_after = _display(field, old), _display(field, new)
        rows.append(
            {
                "label": capfirst(field.verbose_name),
                "before": shown_before,
                "after": shown_after,
                "long": long,
            }
        )
    return rows


def _followed_models(model) -> set:
    """The models whose rows the history records with ``model`` (its ``follow`` option)."""
    if not reversion.is_registered(model):
        return set()
    followed = set()
    for name in reversion.revisions._get_options(model).follow:
        try:
            field = model._meta.get_field(name)
        except Exception:  # noqa: S112 (a follow that is not a field: a property)
            continue
        if field.related_model is not None:
            followed.add(field.related_model)
    return followed


def _followed(version: Version | None, models_followed: set) -> dict:
    """Rows recorded with the object in the same entry: {model: {pk: description}}.

    Rows that an entry happened to carry without being followed (a relationship saved along
    with a story's evidence) are not part of the story's state, so they are left out.
    """
    if version is None:
        return {}
    groups: dict = {}
    others = version.revision.version_set.exclude(content_type=version.content_type)
    for other in others.select_related("content_type"):
        model = other.content_type.model_class()
        if model is None or model not in models_followed:
            continue
        groups.setdefault(model, {})[other.object_id] = other.object_repr
    return groups


def followed_changes(before: Version | None, after: Version) -> list[dict]:
    models_followed = _followed_models(after.content_type.model_class())
    old, new = _followed(before, models_followed), _followed(after, models_followed)
    rows = []
    for model in sorted(set(old) | set(new), key=lambda m: str(m._meta.verbose_name_plural)):
        was, now = old.get(model, {}), new.get(model, {})
        rows.append(
            {
                "label": capfirst(model._meta.verbose_name_plural),
                "now": sorted(now.values()),
                "added": sorted(now[pk] for pk in now.keys() - was.keys()),
                "removed": sorted(was[pk] for pk in was.keys() - now.keys()),
            }
        )
    return rows


class HistoryAdminMixin:
    """For a reversion VersionAdmin: a compare page next to each history entry."""

    object_history_template = "admin/desk/object_history.html"
    history_latest_first = True

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        history = [
            path(
                "<path:object_id>/history/<int:version_id>/compare/",
                self.admin_site.admin_view(self._known_id(self.compare_view)),
                name="{}_{}_compare".format(*info),
            ),
            # reversion's own entry page, ahead of its pattern so that its id is checked too.
            path(
                "<str:object_id>/history/<int:version_id>/",
                self.admin_site.admin_view(self._known_id(self.revision_view)),
                name="{}_{}_revision".format(*info),
            ),
        ]
        return [*history, *super().get_urls()]

    def _known_id(self, view):
        """An id of the wrong type ("abc" for a number) is not found, before any query."""

        def checked(request, object_id, **kwargs):
            try:
                self.model._meta.pk.to_python(unquote(object_id))
            except ValidationError:
                raise Http404 from None
            return view(request, object_id, **kwargs)

        return update_wrapper(checked, view)

    def compare_view(self, request, object_id, version_id):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        obj = get_object_or_404(self.model, pk=unquote(object_id))
        version = get_object_or_404(
            Version.objects.get_for_object(obj).select_related("revision__user"), pk=version_id
        )
        before = (
            Version.objects.get_for_object(obj)
            .filter(pk__lt=version.pk)
            .select_related("revision__user")
            .order_by("-pk")
            .first()
        )
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "original": obj,
            "title": _("Changes to %(object)s") % {"object": obj},
            "version": version,
            "before": before,
            "fields": field_changes(
                self.model, before.field_dict if before else {}, version.field_dict
            ),
            "followed": followed_changes(before, version),
            "revert_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_revision",
                args=[obj.pk, version.pk],
            ),
            "history_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_history",
                args=[obj.pk],
            ),
        }
        return TemplateResponse(request, "admin/desk/compare.html", context)

"""History pages for the admin: who changed what, compared with the entry before it.

django-reversion's VersionAdmin lists the entries and restores them; this adds a compare
page per entry, listing changed fields and the rows that follow the object in its history
(a story's tagged actors, related links and corrections; an actor's aliases).
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reversion.models import Version

QUIET = {"version", "updated_at", "created_at", "name_folded", "folded", "uuid"}


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
        if field.name in QUIET or field.primary_key:
            continue
        if field.name not in after:
            continue
        if field.many_to_many and not field.remote_field.through._meta.auto_created:
            continue  # rows of their own (tags, topics): listed with the followed rows
        old, new = before.get(field.name), after.get(field.name)
        if field.many_to_many:
            old, new = sorted(old or []), sorted(new or [])
        if old != new:
            rows.append(
                {
                    "label": capfirst(field.verbose_name),
                    "before": _display(field, old),
                    "after": _display(field, new),
                    "long": isinstance(field, models.TextField),
                }
            )
    return rows


def _followed(version: Version | None) -> dict:
    """Rows recorded alongside the object in the same entry, by model label."""
    if version is None:
        return {}
    groups: dict = {}
    others = version.revision.version_set.exclude(content_type=version.content_type)
    for other in others.select_related("content_type"):
        model = other.content_type.model_class()
        if model is None:
            continue
        label = capfirst(model._meta.verbose_name_plural)
        groups.setdefault(label, set()).add(other.object_repr)
    return groups


def followed_changes(before: Version | None, after: Version) -> list[dict]:
    old, new = _followed(before), _followed(after)
    rows = []
    for label in sorted(set(old) | set(new)):
        was, now = old.get(label, set()), new.get(label, set())
        added, removed = sorted(now - was), sorted(was - now)
        rows.append({"label": label, "now": sorted(now), "added": added, "removed": removed})
    return rows


class HistoryAdminMixin:
    """For a reversion VersionAdmin: a compare page next to each history entry."""

    object_history_template = "admin/desk/object_history.html"
    history_latest_first = True

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        compare = path(
            "<path:object_id>/history/<int:version_id>/compare/",
            self.admin_site.admin_view(self.compare_view),
            name="{}_{}_compare".format(*info),
        )
        return [compare, *super().get_urls()]

    def compare_view(self, request, object_id, version_id):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        object_id = unquote(object_id)
        obj = get_object_or_404(self.model, pk=object_id)
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

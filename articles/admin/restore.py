"""Restoring a story from its history, and recovering a deleted one.

django-reversion reverts every row a history entry holds. A story's entry may also hold
rows that are not the story's to restore: its corrections (older entries followed them, and
a correction saved with the story joins the entry) and relationships saved with its
evidence. Here only the story and the rows it follows (tagged actors, related links, topics)
come back; a correction changes only through its own form. The rule on who may restore is
the service's (article_check_restore); the page says what the restore will change first.
"""

from functools import partial

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from reversion.models import Revision, Version
from reversion.revisions import _get_options

from articles.models import Article
from articles.services import article_check_restore
from editing.history import field_changes, followed_changes


def _restorable(model) -> set:
    """The model and the models of the rows its history entry follows."""
    return {model} | {
        model._meta.get_field(name).related_model for name in _get_options(model).follow
    }


def story_revert(revision: Revision, model=Article, delete: bool = True) -> None:
    """Revision.revert limited to ``model`` and the rows it follows; with ``delete``, the
    followed rows added since the entry go, as reversion does."""
    keep = _restorable(model)
    versions = [
        version
        for version in revision.version_set.select_related("content_type")
        if version.content_type.model_class() in keep
    ]
    # The story first: the rows that follow it point to it.
    versions.sort(key=lambda version: version.content_type.model_class() is not model)
    recorded = {(version.content_type.model_class(), version.object_id) for version in versions}
    if delete:
        for version in versions:
            if version.content_type.model_class() is not model:
                continue
            obj = model._default_manager.filter(pk=version.object_id).first()
            for name in _get_options(model).follow if obj is not None else ():
                for row in getattr(obj, name).all():
                    if (type(row), str(row.pk)) not in recorded:
                        row.delete()
    for version in versions:
        version.revert()


def restore_changes(version: Version) -> dict:
    """What restoring ``version`` changes, compared with the story's latest history entry."""
    latest = Version.objects.get_for_object_reference(
        version.content_type.model_class(), version.object_id
    ).first()
    return {
        "fields": field_changes(
            version.content_type.model_class(),
            latest.field_dict if latest else {},
            version.field_dict,
        ),
        "followed": followed_changes(latest, version),
    }


class StoryRestoreMixin:
    """For the story's VersionAdmin: restore and recover follow the rules of the form."""

    revision_form_template = "admin/articles/article/revision_form.html"

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied  # those who may not edit stories learn nothing of the rules
        version = Version.objects.filter(pk=version_id, object_id=unquote(object_id)).first()
        refused = self._restore_refused(request, version)
        if refused:
            self.message_user(request, refused, messages.ERROR)
            return HttpResponseRedirect(
                reverse("admin:articles_article_history", args=[unquote(object_id)])
            )
        context = {**(extra_context or {})}
        if version is not None:  # reversion answers 404
            context["restore"] = restore_changes(version)
        return super().revision_view(request, object_id, version_id, context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.has_delete_permission(request):
            raise PermissionDenied  # undoing a delete is for those who may delete
        refused = self._restore_refused(request, Version.objects.filter(pk=version_id).first())
        if refused:
            self.message_user(request, refused, messages.ERROR)
            return HttpResponseRedirect(reverse("admin:articles_article_recoverlist"))
        return super().recover_view(request, version_id, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        if not self.has_delete_permission(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def _reversion_revisionform_view(self, request, version, template_name, extra_context=None):
        # reversion calls revision.revert(delete=True) on this very object: limit it.
        version.revision.revert = partial(story_revert, version.revision, self.model)
        return super()._reversion_revisionform_view(request, version, template_name, extra_context)

    def _restore_refused(self, request, version) -> str:
        """The service's reason to refuse restoring this entry (the POST restores)."""
        if request.method != "POST" or version is None:
            return ""
        try:
            article_check_restore(version=version, by=request.user)
        except PermissionDenied as error:
            return str(error)
        return ""

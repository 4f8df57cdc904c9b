"""Sections, corrections and topics: plain rows, edited through their own lists."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from reversion.admin import VersionAdmin
from taggit.models import Tag

from articles.models import Correction, Section
from articles.services import (
    CORRECTION_DELETE_REFUSED,
    PUBLISH_CORRECTION_PERMISSION,
    correction_delete,
    correction_publish,
    correction_save,
    correction_withdraw,
    section_delete,
    section_save,
    topic_delete,
    topic_save,
)
from editing.history import HistoryAdminMixin
from editing.locking import LockedAdminMixin, LockedFormMixin
from editing.writes import ServiceWritesMixin


class SectionAdminForm(LockedFormMixin, forms.ModelForm):
    class Meta:
        model = Section
        fields = ["name", "slug", "position"]


@admin.register(Section)
class SectionAdmin(LockedAdminMixin, ServiceWritesMixin, HistoryAdminMixin, VersionAdmin):
    """With history (this VersionAdmin registers the model), so a conflict names who."""

    form = SectionAdminForm
    list_display = ["name", "slug", "position"]
    # Locked row by row (LockedAdminMixin.get_changelist_form); each row's loaded version
    # is carried by admin/articles/section/change_list_results.html.
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    save_service = section_save
    delete_service = section_delete


# Their publication counts, for the list's actions.
PUBLISHED = ngettext_lazy(
    "%(count)d correction published.", "%(count)d corrections published.", "count"
)
WITHDRAWN = ngettext_lazy(
    "%(count)d correction withdrawn.", "%(count)d corrections withdrawn.", "count"
)


class CorrectionAdminForm(LockedFormMixin, forms.ModelForm):
    class Meta:
        model = Correction
        fields = ["article", "text", "published_at"]


@admin.register(Correction)
class CorrectionAdmin(LockedAdminMixin, ServiceWritesMixin, HistoryAdminMixin, VersionAdmin):
    """A correction's own form, with its history (this VersionAdmin registers the model).
    Readers' corrections are never deleted: editors withdraw them. Entries are compared,
    not restored."""

    list_display = ["article", "short_text", "status", "published_at"]
    list_filter = ["status"]
    list_select_related = ["article"]
    search_fields = ["text", "article__title"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["article"]
    form = CorrectionAdminForm
    fields = [
        "article",
        "text",
        "published_at",
        "status",
        "withdrawn_at",
        "withdrawn_by",
        ("loaded_version", "loaded_digest"),
    ]
    readonly_fields = ["status", "withdrawn_at", "withdrawn_by"]
    # Django's list, without reversion's "recover deleted" button.
    change_list_template = "admin/change_list.html"
    save_service = correction_save
    delete_service = correction_delete
    actions = ["publish", "withdraw"]

    @admin.display(description=_("text"))
    def short_text(self, correction):
        return str(correction)

    def has_publish_permission(self, request):
        return request.user.has_perm(PUBLISH_CORRECTION_PERMISSION)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status != Correction.Status.PROPOSED:
            if not self.has_publish_permission(request):
                return False  # readers saw it: only editors change it
        return super().has_change_permission(request, obj)

    # Public record: a published or withdrawn correction offers no delete (the service refuses
    # it). Not through has_delete_permission(obj), which deleting a story asks of each of its
    # corrections: a story an editor may delete takes its corrections with it.
    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.status != Correction.Status.PROPOSED:
            context["has_delete_permission"] = False
        return super().render_change_form(request, context, add, change, form_url, obj)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        # Those who may not delete get Django's refusal (403), not the reason.
        refused = obj is not None and obj.status != Correction.Status.PROPOSED
        if refused and self.has_delete_permission(request, obj):
            self.message_user(request, CORRECTION_DELETE_REFUSED, messages.ERROR)
            return HttpResponseRedirect(reverse("admin:articles_correction_change", args=[obj.pk]))
        return super().delete_view(request, object_id, extra_context)

    def delete_queryset(self, request, queryset):
        kept = queryset.exclude(status=Correction.Status.PROPOSED)
        if kept.exists():
            self.message_user(request, CORRECTION_DELETE_REFUSED, messages.ERROR)
        return super().delete_queryset(request, queryset.filter(status=Correction.Status.PROPOSED))

    def get_readonly_fields(self, request, obj=None):
        # A correction stays on the story it corrects.
        return [*self.readonly_fields, "article"] if obj is not None else self.readonly_fields

    def changelist_view(self, request, extra_context=None):
        # Django's list, outside reversion's revision: nothing is edited in the list, and
        # the actions' services record their own history entries.
        return admin.ModelAdmin.changelist_view(self, request, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # A correction changes only through its form: an entry opens as a comparison.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return HttpResponseRedirect(
            reverse("admin:articles_correction_compare", args=[unquote(object_id), version_id])
        )

    def recover_view(self, request, version_id, extra_context=None):
        raise PermissionDenied

    def recoverlist_view(self, request, extra_context=None):
        raise PermissionDenied

    @admin.action(description=_("Publish selected corrections"), permissions=["publish"])
    def publish(self, request, queryset):
        proposed = queryset.filter(status=Correction.Status.PROPOSED)
        for correction in proposed:
            correction_publish(correction=correction, by=request.user)
        self.message_user(request, PUBLISHED % {"count": len(proposed)}, messages.SUCCESS)

    @admin.action(description=_("Withdraw selected corrections"), permissions=["publish"])
    def withdraw(self, request, queryset):
        public = queryset.filter(status=Correction.Status.PUBLISHED)
        for correction in public:
            correction_withdraw(correction=correction, by=request.user)
        self.message_user(request, WITHDRAWN % {"count": len(public)}, messages.SUCCESS)


# Topics. taggit's own TagAdmin offers a "merge tags" action and page that any staff member
# reaching the tag list can run (no permission check), and that only moves taggit's generic
# TaggedItem rows: stories' topics live in TaggedArticle, so a merge would create a tag and
# move nothing. Tags are edited here as plain rows; stories keep their topics.
admin.site.unregister(Tag)


class TopicAdminForm(LockedFormMixin, forms.ModelForm):
    """taggit's Tag has no version column: the lock compares a digest of the stored row."""

    class Meta:
        model = Tag
        fields = ["name", "slug"]


@admin.register(Tag)
class TopicAdmin(LockedAdminMixin, ServiceWritesMixin, admin.ModelAdmin):
    form = TopicAdminForm
    list_display = ["name", "slug"]
    ordering = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    save_service = topic_save
    delete_service = topic_delete

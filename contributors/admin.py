import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin

from contributors.models import Contributor
from contributors.services import (
    contributor_delete,
    contributor_in_use_message,
    contributor_save,
)
from editing.history import HistoryAdminMixin
from editing.locking import LockedAdminMixin, LockedFormMixin
from editing.writes import ServiceWritesMixin
from pictures.admin import thumbnail

# Registered before the VersionAdmin would register the model itself.
reversion.register(Contributor)


class AccountField(forms.ModelChoiceField):
    """The desk's accounts by name: editors need not see the user admin (e-mails) to link a
    contributor to one."""

    def label_from_instance(self, user):
        name = user.get_full_name()
        return f"{name} ({user.get_username()})" if name else user.get_username()


class ContributorAdminForm(LockedFormMixin, forms.ModelForm):
    user = AccountField(
        queryset=get_user_model()
        .objects.filter(is_active=True)
        .order_by("last_name", "first_name", "username"),
        required=False,
        label=_("user account"),
        help_text=Contributor._meta.get_field("user").help_text,
    )

    class Meta:
        model = Contributor
        fields = ["name", "slug", "role", "bio", "portrait", "user"]


@admin.register(Contributor)
class ContributorAdmin(LockedAdminMixin, ServiceWritesMixin, HistoryAdminMixin, VersionAdmin):
    form = ContributorAdminForm
    list_display = ["name", "role", "has_account"]
    list_filter = ["role"]
    list_select_related = ["user"]
    # Also what the story form's byline autocomplete searches.
    search_fields = ["name", "slug"]
    ordering = ["name", "pk"]
    prepopulated_fields = {"slug": ["name"]}
    fields = [
        "name",
        "slug",
        "role",
        "bio",
        ("portrait", "portrait_preview"),
        "user",
        ("loaded_version", "loaded_digest"),
    ]
    # The picker opens the picture library's list, thumbnails included.
    raw_id_fields = ["portrait"]
    readonly_fields = ["portrait_preview"]
    actions = ["delete_selected"]
    save_service = contributor_save
    delete_service = contributor_delete

    @admin.display(description=_("preview"))
    def portrait_preview(self, contributor):
        return thumbnail(contributor.portrait, width=120) if contributor.portrait else "—"

    @admin.display(description=_("user account"), boolean=True)
    def has_account(self, contributor):
        return contributor.user_id is not None

    def delete_view(self, request, object_id, extra_context=None):
        # Instead of Django's list of "protected related objects": why, and what to do.
        contributor = self.get_object(request, unquote(object_id))
        if contributor is not None and self.has_delete_permission(request, contributor):
            in_use = contributor_in_use_message(contributor)
            if in_use:
                self.message_user(request, in_use, messages.ERROR)
                url = reverse("admin:contributors_contributor_change", args=[contributor.pk])
                return HttpResponseRedirect(url)
        return super().delete_view(request, object_id, extra_context)

    @admin.action(
        description=_("Delete selected %(verbose_name_plural)s"),
        permissions=["delete"],
    )
    def delete_selected(self, request, queryset):
        """Django's bulk delete, refused up front when a selected contributor signs stories."""
        for contributor in queryset:
            in_use = contributor_in_use_message(contributor)
            if in_use:
                self.message_user(request, in_use, messages.ERROR)
                return None
        return delete_selected(self, request, queryset)

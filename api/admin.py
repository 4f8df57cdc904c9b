"""API keys in the admin: staff make keys for themselves (superusers for anyone), see the raw
key once, on the page that answers the add form, and revoke keys. No page shows a hash, and
no key is deleted: a revoked key stays as the record of who could read what, and when."""

import reversion
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from api.models import KEY_PREFIX, PREFIX_LENGTH, ApiKey
from api.services import apikey_create, apikey_revoke, apikey_save
from editing.locking import LockedAdminMixin, LockedFormMixin
from editing.writes import ServiceWritesMixin

# The history keeps what people edit; the hash is nobody's business, even hashed.
reversion.register(ApiKey, exclude=["hash"])


class ApiKeyForm(LockedFormMixin, forms.ModelForm):
    revoke = forms.BooleanField(
        label=_("Revoke this key"),
        required=False,
        help_text=_("Requests that send it are refused from now on. This cannot be undone."),
    )

    class Meta:
        model = ApiKey
        fields = ["name", "owner", "expires_at"]


@admin.register(ApiKey)
class ApiKeyAdmin(LockedAdminMixin, ServiceWritesMixin, admin.ModelAdmin):
    form = ApiKeyForm
    list_display = ["name", "prefix", "owner", "created_at", "last_used_at", "state"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    list_select_related = ["owner"]
    search_fields = ["name", "prefix"]
    ordering = ["-created_at", "-pk"]
    readonly_fields = ["prefix", "owner", "created_at", "last_used_at", "revoked_at", "state"]
    actions = ["revoke_selected"]
    save_service = apikey_save

    def get_queryset(self, request):
        # Staff see their own keys; only superusers see everyone's.
        return super().get_queryset(request).owned_by(request.user)

    def get_fields(self, request, obj=None):
        if obj is None:
            # A key is made for oneself; superusers may make one for someone else.
            return (
                ["name", "owner", "expires_at"]
                if request.user.is_superuser
                else [
                    "name",
                    "expires_at",
                ]
            )
        fields = ["name", "prefix", "owner", "state", "created_at", "last_used_at", "expires_at"]
        if obj.is_revoked():
            return [*fields, "revoked_at"]
        return [*fields, "revoke", ("loaded_version", "loaded_digest")]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return self.readonly_fields

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_revoked():
            return False  # a revoked key is a record: shown, never changed
        return super().has_change_permission(request, obj)

    def history_view(self, request, object_id, extra_context=None):
        # Refused as the other pages are, before "no such key" (nobody's key is listed for
        # someone who may not view keys at all).
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)

    def has_delete_permission(self, request, obj=None):
        return False  # revoked, never deleted

    @admin.display(description=_("state"))
    def state(self, key):
        if key.is_revoked():
            return _("revoked")
        if key.is_expired():
            return _("expired")
        return _("active")

    def save_model(self, request, obj, form, change):
        if not change:
            owner = form.cleaned_data.get("owner") if request.user.is_superuser else None
            key, raw = apikey_create(
                by=request.user,
                name=obj.name,
                owner=owner or request.user,
                expires_at=obj.expires_at,
            )
            # The form's instance stands for the new row in the admin's log and the answer.
            for field in ("pk", "prefix", "owner_id", "created_at", "version"):
                setattr(obj, field, getattr(key, field))
            obj._raw_key = raw
            return
        super().save_model(request, obj, form, change)
        if form.cleaned_data.get("revoke"):
            apikey_revoke(by=request.user, key=obj)

    def response_add(self, request, obj, post_url_continue=None):
        # The raw key exists only in this answer: it is shown on the key's page rendered
        # right here, so that it is never stored (a message kept for the next page would sit
        # in a cookie or the session) and never shown again.
        message = format_html(
            "{} <code>{}</code><br>{}",
            _("The new API key “%(name)s” is:") % {"name": obj.name},
            obj._raw_key,
            _(
                "Copy it now: it will not be shown again. Send it as “Authorization: Bearer "
                "<key>” or as “X-API-Key: <key>”."
            ),
        )
        self.message_user(request, message, messages.SUCCESS)
        request.method = "GET"
        return self.change_view(request, str(obj.pk))

    @admin.action(description=_("Revoke the selected API keys"), permissions=["change"])
    def revoke_selected(self, request, queryset):
        revoked = sum(apikey_revoke(by=request.user, key=key) for key in queryset)
        self.message_user(
            request,
            ngettext("%(count)d key revoked.", "%(count)d keys revoked.", revoked)
            % {"count": revoked},
            messages.SUCCESS,
        )

    def get_changeform_initial_data(self, request):
        return {**super().get_changeform_initial_data(request), "owner": request.user.pk}

    def get_search_results(self, request, queryset, search_term):
        # What a person pastes is often the whole key: its first characters are the prefix.
        if search_term.strip().startswith(KEY_PREFIX):
            search_term = search_term.strip()[:PREFIX_LENGTH]
        return super().get_search_results(request, queryset, search_term)

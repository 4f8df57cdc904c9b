"""Editors register partners' endpoints (the secret in full on the add page only) and read
the delivery log, where a failed delivery can be sent again."""

import reversion
from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from reversion.admin import VersionAdmin

from editing.history import HistoryAdminMixin
from editing.locking import LockedAdminMixin, LockedFormMixin
from editing.writes import ServiceWritesMixin
from webhooks.models import Event, WebhookDelivery, WebhookEndpoint
from webhooks.services import (
    ENDPOINT_CHANGE,
    webhook_delivery_retry,
    webhook_endpoint_delete,
    webhook_endpoint_save,
)
from webhooks.signing import new_secret

# The secret stays out of the history: a copy there would outlive a change of secret.
reversion.register(WebhookEndpoint, exclude=["secret"])

SECRET_MIN = 16


def _https_by_default(db_field, **kwargs):
    if db_field.name == "url":
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class EndpointForm(LockedFormMixin, forms.ModelForm):
    events = forms.MultipleChoiceField(
        label=_("events"),
        choices=Event.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=WebhookEndpoint._meta.get_field("events").help_text,
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "events", "active"]
        formfield_callback = _https_by_default


class EndpointAddForm(EndpointForm):
    secret = forms.CharField(
        label=_("secret"),
        min_length=SECRET_MIN,
        max_length=200,
        initial=new_secret,
        help_text=_(
            "Give it to the partner now: it is shown in full only on this page. Keep the "
            "one generated, or paste your own (at least 16 characters)."
        ),
    )

    def clean(self):
        cleaned_data = super().clean()
        self.instance.secret = cleaned_data.get("secret") or ""
        return cleaned_data


class EndpointChangeForm(EndpointForm):
    new_secret = forms.CharField(
        label=_("new secret"),
        required=False,
        min_length=SECRET_MIN,
        max_length=200,
        help_text=_("Leave empty to keep the current secret; the partner needs the new one."),
    )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("new_secret"):
            self.instance.secret = cleaned_data["new_secret"]
        return cleaned_data


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(LockedAdminMixin, ServiceWritesMixin, HistoryAdminMixin, VersionAdmin):
    list_display = ["name", "url", "event_list", "active", "masked_secret", "created_by"]
    list_filter = ["active"]
    list_select_related = ["created_by"]
    search_fields = ["name", "url"]
    readonly_fields = ["masked_secret"]
    save_service = webhook_endpoint_save
    delete_service = webhook_endpoint_delete
    service_argument = "endpoint"
    # The admin passes its own formfield callback, which replaces the form's: say it here too.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_form(self, request, obj=None, **kwargs):
        kwargs["form"] = EndpointAddForm if obj is None else EndpointChangeForm
        # The model's fields only: the secret is the form's own field (not editable on the
        # model, so that the history and list edits leave it alone).
        kwargs["fields"] = EndpointForm._meta.fields
        return super().get_form(request, obj, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "url":
            kwargs["assume_scheme"] = "https"  # a URL typed without its scheme
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_fields(self, request, obj=None):
        lock = ("loaded_version", "loaded_digest")
        if obj is None:
            return ["name", "url", "events", "secret", "active", lock]
        return ["name", "url", "events", "active", "masked_secret", "new_secret", lock]

    @admin.display(description=_("events"))
    def event_list(self, endpoint):
        labels = dict(Event.choices)
        return ", ".join(str(labels.get(event, event)) for event in endpoint.events or [])

    @admin.display(description=_("secret"))
    def masked_secret(self, endpoint):
        return endpoint.secret_hint


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """The log, read-only: deliveries are written by the events and the worker."""

    list_display = [
        "created_at",
        "event",
        "endpoint",
        "story_uuid",
        "status",
        "attempts",
        "last_status_code",
        "next_attempt_at",
        "delivered_at",
    ]
    list_filter = ["status", "event", "endpoint"]
    list_select_related = ["endpoint"]
    ordering = ["-created_at", "-id"]
    actions = ["retry_now"]
    fields = [
        "uuid",
        "endpoint",
        "event",
        "story_uuid",
        "status",
        "attempts",
        "last_status_code",
        "last_error",
        "scheduled_for",
        "next_attempt_at",
        "delivered_at",
        "created_at",
        "sent_body",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_retry_permission(self, request):
        return request.user.has_perm(ENDPOINT_CHANGE)

    @admin.display(description=_("body"))
    def sent_body(self, delivery):
        return format_html("<pre>{}</pre>", delivery.body) if delivery.body else "—"

    @admin.action(description=_("Retry now"), permissions=["retry"])
    def retry_now(self, request, queryset):
        failed = [d for d in queryset if d.status == WebhookDelivery.Status.FAILED]
        for delivery in failed:
            webhook_delivery_retry(delivery=delivery, by=request.user)
        skipped = queryset.count() - len(failed)
        if failed:
            message = ngettext(
                "%(count)d delivery queued again.",
                "%(count)d deliveries queued again.",
                len(failed),
            )
            self.message_user(request, message % {"count": len(failed)}, messages.SUCCESS)
        if skipped:
            message = ngettext(
                "%(count)d delivery was not retried: only a failed delivery is sent again.",
                "%(count)d deliveries were not retried: only failed deliveries are sent again.",
                skipped,
            )
            self.message_user(request, message % {"count": skipped}, messages.WARNING)

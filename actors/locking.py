"""No lost updates in the admin: optimistic locking on the ``version`` column.

The change form carries the version it was loaded with. Saving claims the row with
``UPDATE … SET version = version + 1 WHERE version = <loaded>``; if someone saved in
between, the form comes back invalid, naming who changed what and when, with the editor's
input untouched. Used by the story and actor admins.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.models import Version

# Bookkeeping fields: never worth telling an editor about.
_QUIET = {"version", "updated_at", "created_at", "name_folded", "first_published_at", "uuid"}


class StaleEdit(Exception):
    """The row moved between form validation and the save (a race the form cannot see)."""


def latest_change(model, pk):
    """The newest history entry for a row: (user or None, date) or None."""
    version = (
        Version.objects.get_for_object_reference(model, pk)
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")
        .first()
    )
    return (version.revision.user, version.revision.date_created) if version else None


def changed_fields(instance, loaded_version: int) -> list[str]:
    """Names of the fields that differ between the history entry saved at ``loaded_version``
    and the row now; empty when that entry is not in the history."""
    model = type(instance)
    for version in Version.objects.get_for_object_reference(model, instance.pk).order_by("-pk")[
        :100
    ]:
        try:
            then = version.field_dict
        except Exception:  # noqa: BLE001, S112 - an entry from an older schema: skip it
            continue
        if then.get("version") != loaded_version:
            continue
        names = []
        for field in model._meta.concrete_fields + model._meta.many_to_many:
            if field.name in _QUIET or field.name not in then:
                continue
            if field.many_to_many:
                if not field.remote_field.through._meta.auto_created:
                    continue
                now = {obj.pk for obj in getattr(instance, field.name).all()}
                if now != set(then[field.name]):
                    names.append(str(capfirst(field.verbose_name)))
            elif getattr(instance, field.attname) != then[field.name]:
                names.append(str(capfirst(field.verbose_name)))
        return names
    return []


def conflict_message(instance, loaded_version: int, user=None) -> str:
    change = latest_change(type(instance), instance.pk)
    who, when = change if change else (None, instance.updated_at)
    when = date_format(timezone.localtime(when), "DATETIME_FORMAT")
    if who is not None and user is not None and who.pk == user.pk:
        message = _("You saved this in another window or tab on %(when)s.") % {"when": when}
    elif who is not None:
        name = who.get_full_name() or who.get_username()
        message = _("%(who)s changed this on %(when)s, while you were editing it.") % {
            "who": name,
            "when": when,
        }
    else:
        message = _("Someone changed this on %(when)s, while you were editing it.") % {"when": when}
    fields = changed_fields(instance, loaded_version)
    if fields:
        message += " " + _("They changed: %(fields)s.") % {"fields": ", ".join(fields)}
    return (
        message
        + " "
        + _(
            "Nothing was saved; your version is still in the form below. Reload the page to "
            "start again from theirs, or save again to replace theirs with yours."
        )
    )


class LockedFormMixin(forms.Form):
    """A model form that refuses to save over a version it did not load."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Set per request by the admin's get_form(), for "you, in another tab".
    request_user = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None:
            return cleaned_data
        loaded = cleaned_data.get("loaded_version")
        # Locked until the admin's transaction ends, so nobody saves between here and there.
        live = (
            type(self.instance)
            ._default_manager.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if loaded is None or loaded != live:
            message = conflict_message(self.instance, loaded or 0, self.request_user)
            # Saving again is now a deliberate choice: the form carries the version it saw.
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_version")] = str(live)
            raise ValidationError(message, code="stale")
        return cleaned_data


class LockedAdminMixin:
    """For a ModelAdmin whose form uses LockedFormMixin (and a reversion VersionAdmin)."""

    stale_message = gettext_lazy(
        "Someone saved this a moment before you. Nothing of yours was saved: please make "
        "your change again."
    )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.request_user = request.user
        return form

    def save_model(self, request, obj, form, change):
        if change:
            loaded = form.cleaned_data.get("loaded_version")
            claimed = self.model._default_manager.filter(pk=obj.pk, version=loaded).update(
                version=F("version") + 1
            )
            if not claimed:
                raise StaleEdit
            obj.version = loaded + 1
        super().save_model(request, obj, form, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        live = getattr(request, "_locked_live_version", None)
        if object_id and live is not None:
            # Restoring an old revision restored its version number too; put the live one
            # back so the lock keeps counting up.
            self.model._default_manager.filter(pk=unquote(object_id)).update(version=live)
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleEdit:
            messages.error(request, self.stale_message)
            return HttpResponseRedirect(request.get_full_path())

    def revision_view(self, request, object_id, version_id, extra_context=None):
        with transaction.atomic():
            request._locked_live_version = (
                self.model._default_manager.select_for_update()
                .filter(pk=unquote(object_id))
                .values_list("version", flat=True)
                .first()
            )
            return super().revision_view(request, object_id, version_id, extra_context)

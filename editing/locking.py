"""No lost updates in the admin: optimistic locking on the ``version`` column.

The change form carries the version it was loaded with. Saving claims the row with
``UPDATE … SET version = version + 1 WHERE version = <loaded>``; if someone saved in
between, the form comes back invalid, naming who changed what and when, with the editor's
input untouched. A model without a version column (taggit's topics) is locked on a digest
of its stored row instead. Used by the admins of every row an editor edits, their inline
rows (LockedInlineMixin) and their list edits (list_editable).
"""

import hashlib

import reversion
from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.db.models import F
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.models import Version

from common.text import normalise_newlines


class StaleEdit(Exception):
    """The row moved between form validation and the save (a race the form cannot see)."""


def latest_change(model, pk):
    """The newest history entry for a row: (user or None, date) or None."""
    if not reversion.is_registered(model):
        return None
    version = (
        Version.objects.get_for_object_reference(model, pk)
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")
        .first()
    )
    return (version.revision.user, version.revision.date_created) if version else None


def has_version(model) -> bool:
    return any(field.name == "version" for field in model._meta.concrete_fields)


def _row_digest(row: dict) -> int:
    """A row's stored values as one number, for a model with no version column."""
    text = repr(sorted((key, str(value)) for key, value in row.items()))
    return int.from_bytes(hashlib.blake2s(text.encode(), digest_size=6).digest(), "big")


def loaded_token(instance) -> int:
    """What the form remembers of the row as it was loaded: its version, or its digest."""
    if has_version(type(instance)):
        return instance.version
    fields = type(instance)._meta.concrete_fields
    return _row_digest({field.attname: getattr(instance, field.attname) for field in fields})


def live_token(model, pk, *, lock: bool = False) -> int | None:
    """The same for the row as stored now (None once deleted); ``lock`` holds the row until
    the transaction ends."""
    rows = model._default_manager.filter(pk=pk)
    if lock:
        rows = rows.select_for_update()
    if has_version(model):
        return rows.values_list("version", flat=True).first()
    row = rows.values(*(field.attname for field in model._meta.concrete_fields)).first()
    return None if row is None else _row_digest(row)


def claim(obj, loaded) -> bool:
    """Take the row for this save if it is still as loaded: ``UPDATE … SET version =
    version + 1 WHERE version = <loaded>`` (or, without a version, the locked row's digest).
    Run in the save's transaction; ``obj`` then carries the new version."""
    model = type(obj)
    if loaded is None:
        return False
    if not has_version(model):
        return live_token(model, obj.pk, lock=True) == loaded
    rows = model._default_manager.filter(pk=obj.pk, version=loaded)
    if not rows.update(version=F("version") + 1):
        return False
    obj.version = loaded + 1
    return True


def _fingerprint(value) -> str:
    """A short, stable digest of a form field's initial value."""
    if hasattr(value, "all"):  # a related manager or queryset
        value = list(value.all())
    if isinstance(value, list | tuple | set):
        value = sorted(str(getattr(item, "pk", item)) for item in value)
    elif hasattr(value, "pk"):
        value = value.pk
    return hashlib.blake2s(repr(value).encode(), digest_size=4).hexdigest()


def conflict_message(instance, changed: list[str], user=None) -> str:
    change = latest_change(type(instance), instance.pk)
    who, when = change if change else (None, getattr(instance, "updated_at", None))
    if when is None:
        # No history and no modified date (a third-party row): all we know is that it moved.
        message = _("Someone changed this while you were editing it.")
        return _finish(message, changed)
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
    return _finish(message, changed)


def _finish(message: str, changed: list[str]) -> str:
    if changed:
        message += " " + _("Changed meanwhile: %(fields)s.") % {"fields": ", ".join(changed)}
    return (
        message
        + " "
        + _(
            "Nothing was saved; your version is still in the form below. Reload the page to "
            "start again from theirs, or save again to replace theirs with yours."
        )
    )


class LockedFormMixin(forms.Form):
    """A model form that refuses to save over a version it did not load.

    Besides the version, it carries a digest of each field as loaded, so that a refusal can
    say which fields the other person changed.
    """

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    loaded_digest = forms.CharField(widget=forms.HiddenInput, required=False)
    # Set per request by the admin's get_form(), for "you, in another tab".
    request_user = None
    # A row of an inline or of a list edit is checked only when it is saved (changed).
    check_unchanged = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound and any("\r" in str(value) for value in self.data.values()):
            # Browsers send textareas with CRLF; stored text uses \n, so an untouched
            # field must not count as changed (history, the conflict message).
            self.data = self.data.copy()
            for key in self.data:
                values = self.data.getlist(key) if hasattr(self.data, "getlist") else None
                if values is not None:
                    self.data.setlist(key, [normalise_newlines(v) for v in values])
                elif isinstance(self.data[key], str):
                    self.data[key] = normalise_newlines(self.data[key])
        if self.instance.pk is not None and not self.is_bound:
            self.fields["loaded_version"].initial = loaded_token(self.instance)
            self.fields["loaded_digest"].initial = self.digest()

    @property
    def changed_data(self):
        # The lock's own fields are bookkeeping, not a change (nor a history comment).
        return [name for name in super().changed_data if not name.startswith("loaded_")]

    def digest(self) -> str:
        """ "name=digest" pairs for the fields as they are in the database now."""
        return " ".join(
            f"{name}={_fingerprint(self.get_initial_for_field(field, name))}"
            for name, field in self.fields.items()
            if not name.startswith("loaded_")
        )

    def changed_since_loaded(self, loaded_digest: str) -> list[str]:
        then = dict(pair.split("=", 1) for pair in loaded_digest.split() if "=" in pair)
        now = dict(pair.split("=", 1) for pair in self.digest().split())
        return [
            str(capfirst(self.fields[name].label or name))
            for name in self.fields
            if name in then and name in now and then[name] != now[name]
        ]

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None or not (self.check_unchanged or self.has_changed()):
            return cleaned_data
        loaded = cleaned_data.get("loaded_version")
        # Locked until the admin's transaction ends, so nobody saves between here and there.
        live = live_token(type(self.instance), self.instance.pk, lock=True)
        if loaded is None or loaded != live:
            changed = self.changed_since_loaded(cleaned_data.get("loaded_digest") or "")
            message = conflict_message(self.instance, changed, self.request_user)
            # Saving again is now a deliberate choice: the form carries what it was warned of.
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_version")] = str(live)
            self.data[self.add_prefix("loaded_digest")] = self.digest()
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
        if change and not claim(obj, form.cleaned_data.get("loaded_version")):
            raise StaleEdit
        super().save_model(request, obj, form, change)

    def get_changelist_form(self, request, **kwargs):
        # List edits go through the same lock, row by row (the model's changelist template
        # must carry each row's loaded_ fields: admin/<app>/<model>/change_list_results.html).
        form = super().get_changelist_form(request, **{"form": LockedRowForm, **kwargs})
        form.request_user = request.user
        return form

    def changelist_view(self, request, extra_context=None):
        if request.method != "POST" or "_save" not in request.POST:
            return super().changelist_view(request, extra_context)  # not a list edit
        try:
            # The rows' checks lock them, so the whole list edit is one transaction.
            with transaction.atomic(using=router.db_for_write(self.model)):
                return super().changelist_view(request, extra_context)
        except StaleEdit:
            messages.error(request, self.stale_message)
            return HttpResponseRedirect(request.get_full_path())

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


class LockedRowForm(LockedFormMixin, forms.ModelForm):
    """A row of an inline formset or of a list edit: rows left as they are are not checked
    (a row another editor changed meanwhile, but that this one did not touch, is not saved)."""

    check_unchanged = False


class LockedInlineFormSet(forms.BaseInlineFormSet):
    """Claims each changed row's version as it is saved (ServiceWritesMixin.save_formset and
    Django's save both go through save_existing); a row that moved since raises StaleEdit."""

    def save_existing(self, form, obj, commit=True):
        if not claim(obj, form.cleaned_data.get("loaded_version")):
            raise StaleEdit
        return super().save_existing(form, obj, commit=commit)


class LockedInlineMixin:
    """For an InlineModelAdmin under a LockedAdminMixin admin: each row carries the version it
    was loaded with; a stale row makes the whole form invalid, with the message on that row."""

    form = LockedRowForm
    formset = LockedInlineFormSet

    def get_fields(self, request, obj=None):
        return [*super().get_fields(request, obj), "loaded_version", "loaded_digest"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.request_user = request.user
        return formset

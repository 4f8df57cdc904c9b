import reversion
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from editing.locking import LockedAdminMixin, LockedFormMixin, StaleEdit, claim
from pictures import processing
from pictures.models import Picture
from pictures.services import (
    duplicate_error,
    duplicate_of,
    picture_add,
    picture_delete,
    picture_update,
    stories_with_reference,
)

ACCEPT = "image/jpeg,image/png,image/webp"

# History of the texts an editor changes (pictures.services.picture_update), so that a
# refused second save names who changed them. No restore: the files are not in it.
reversion.register(Picture, fields=["alt_text", "caption", "credit", "source"])


def thumbnail(picture: Picture, width: int = 96) -> str:
    """A small preview for lists, pickers and forms (the 240 px rendition, shown smaller)."""
    small = picture.best_for(width * 2)
    if small is None:
        return ""
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" loading="lazy">',
        small.url,
        width,
        max(1, round(small.height * width / small.width)),
        picture.alt_text,
    )


class PictureAddForm(forms.ModelForm):
    """The upload is checked here, so that a refused file comes back as a form error."""

    upload = forms.FileField(
        label=_("Image file"),
        help_text=_("JPEG, PNG or WebP. Location and camera data are removed."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    class Meta:
        model = Picture
        fields = ["alt_text", "caption", "credit", "source"]

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        inspected = processing.inspect(processing.read_upload(upload))
        existing = duplicate_of(inspected.content_hash)
        if existing is not None:
            raise duplicate_error(existing)
        return upload


class PictureChangeForm(LockedFormMixin, forms.ModelForm):
    class Meta:
        model = Picture
        fields = ["alt_text", "caption", "credit", "source"]


class InUseFilter(admin.SimpleListFilter):
    title = _("use")
    parameter_name = "use"

    def lookups(self, request, model_admin):
        return [
            ("lead", _("lead image of a story")),
            ("portrait", _("portrait of an actor")),
            ("unused", _("neither")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "lead":
            return queryset.filter(lead_of__isnull=False).distinct()
        if self.value() == "portrait":
            return queryset.filter(portrait_of__isnull=False).distinct()
        if self.value() == "unused":
            return queryset.filter(lead_of__isnull=True, portrait_of__isnull=True)
        return queryset


@admin.register(Picture)
class PictureAdmin(LockedAdminMixin, admin.ModelAdmin):
    form = PictureChangeForm
    list_display = ["preview", "alt_text", "credit", "size", "uploaded_at", "reference"]
    list_display_links = ["preview", "alt_text"]
    # Not by credit: a library holds thousands of them; the search box finds one.
    list_filter = [
        InUseFilter,
        "format",
        "uploaded_at",
        ("uploaded_by", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["alt_text", "caption", "credit", "source", "=id"]
    search_help_text = _("Alternative text, caption, credit, source, or the picture's number.")
    date_hierarchy = "uploaded_at"
    show_full_result_count = False
    list_per_page = 50
    readonly_fields = [
        "large_preview",
        "reference",
        "size",
        "content_hash",
        "uploaded_by",
        "uploaded_at",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_renditions().select_related("uploaded_by")

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = PictureAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        text = ["alt_text", "caption", "credit", "source"]
        if obj is None:
            return ["upload", *text]
        return [
            "large_preview",
            "reference",
            *text,
            "size",
            "uploaded_by",
            "uploaded_at",
            ("loaded_version", "loaded_digest"),
        ]

    @admin.display(description=_("picture"))
    def preview(self, picture):
        return thumbnail(picture)

    @admin.display(description=_("preview"))
    def large_preview(self, picture):
        return thumbnail(picture, width=400)

    @admin.display(description=_("reference for a story body"))
    def reference(self, picture):
        return picture.reference

    @admin.display(description=_("size"), ordering="width")
    def size(self, picture):
        return f"{picture.width} × {picture.height}"

    def save_model(self, request, obj, form, change):
        if change:
            if not claim(obj, form.cleaned_data.get("loaded_version")):
                raise StaleEdit  # LockedAdminMixin tells the editor
            refreshed = picture_update(picture=obj, changed=form.changed_data, by=request.user)
            if refreshed:
                message = ngettext(
                    "%(count)d story showing this picture was updated.",
                    "%(count)d stories showing this picture were updated.",
                    refreshed,
                )
                self.message_user(request, message % {"count": refreshed}, messages.INFO)
            return
        # The form filled the texts of obj; the admin goes on with it (history, redirect).
        obj.uploaded_by = request.user
        picture_add(picture=obj, upload=form.cleaned_data["upload"], by=request.user)

    def get_deleted_objects(self, objs, request):
        """Stories that show a picture in their body protect it, as lead images do."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for picture in objs:
            for title in stories_with_reference(picture):
                protected.append(_("Story body: %(title)s") % {"title": title})
        return deleted, counts, perms_needed, protected

    def delete_model(self, request, obj):
        try:
            picture_delete(picture=obj, by=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)

    def delete_queryset(self, request, queryset):
        for picture in queryset:
            self.delete_model(request, picture)

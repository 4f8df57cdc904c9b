"""The story form's writing surface: the body editor (toolbar, live preview, word count)
and the preview endpoint that renders the body as readers will see it.

The preview is the server's: articles.rendering.render_markdown, the renderer and sanitiser
that make the story page's body (library pictures included), so the editor sees exactly
what readers will. The script (static/admin-desk/editor.js) only sends the text and shows
the answer.
"""

from django import forms
from django.http import JsonResponse
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from articles.rendering import render_markdown
from articles.templatetags import reader

# About 40,000 words, a long feature several times over. Rendering costs up to 30 µs a byte
# on hostile Markdown (a run of "["), so this keeps one preview under ten seconds of a
# worker; a longer body still saves, it is only not previewed.
PREVIEW_MAX_BYTES = 256 * 1024
# The form fields other than the body (the CSRF token) and multipart framing.
_ENVELOPE_BYTES = 16 * 1024


def body_stats(text: str) -> str:
    """The word count and reading time under the body: "412 words · 2 min read"."""
    count = reader.word_count(text)
    words = ngettext("%(count)d word", "%(count)d words", count) % {"count": count}
    return f"{words} · {reader.reading_time(text)}"


class BodyEditor(forms.Textarea):
    """The body's textarea with a Markdown toolbar, the server's preview beside it, and its
    word count and reading time. Without JavaScript it is the plain textarea and the
    preview as the form was loaded."""

    template_name = "admin/desk/widgets/body_editor.html"

    class Media:
        css = {"all": ["admin-desk/editor.css"]}
        # After Django's related-lookup script: the picture button opens its picker.
        js = ["admin/js/admin/RelatedObjectLookups.js", "admin-desk/editor.js"]

    def __init__(self, attrs=None):
        super().__init__({"rows": 18, "class": "desk-editor-input", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        text = value or ""
        context["widget"].update(
            preview_url=reverse("admin:articles_article_body_preview"),
            picker_url=reverse("admin:pictures_picture_changelist") + "?_to_field=id",
            preview=render_markdown(text),
            stats=body_stats(text),
        )
        return context


WIDGETS = {"body": BodyEditor}


def preview_view(model_admin):
    @require_POST
    def preview(request):
        """The body as readers will see it, with its word count and reading time (JSON)."""
        if not (
            model_admin.has_add_permission(request) or model_admin.has_change_permission(request)
        ):
            return _refuse(_("You are not allowed to do this."), 403)
        # Measured before the form data is read, so an oversized body is never parsed.
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0
        if size > PREVIEW_MAX_BYTES + _ENVELOPE_BYTES:
            return _too_long(size)
        body = request.POST.get("body", "")
        size = len(body.encode())
        if size > PREVIEW_MAX_BYTES:
            return _too_long(size)
        return JsonResponse({"ok": True, "html": render_markdown(body), "stats": body_stats(body)})

    return preview


def _too_long(size: int) -> JsonResponse:
    message = _(
        "The body is too long to preview (%(size)s); a preview takes at most %(limit)s."
    ) % {"size": filesizeformat(size), "limit": filesizeformat(PREVIEW_MAX_BYTES)}
    return _refuse(message, 400)


def _refuse(message: str, status: int) -> JsonResponse:
    return JsonResponse({"ok": False, "message": message}, status=status)


def views(model_admin):
    """(route, name, view) triples for the story admin's URLs (not per story)."""
    return [("body-preview", "body_preview", preview_view(model_admin))]

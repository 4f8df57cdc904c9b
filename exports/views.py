from django.contrib import admin
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from exports.bundle import writing as bundle
from exports.filters import ExportFilterForm
from exports.records import exported_from
from exports.services import stories_export_text, writer_for

EXPORT_PERMISSION = "articles.export_article"


def _from_site(base: str | None, pieces):
    """Each piece made with links to ``base``; set around each step, since a streamed
    response is read after the view has returned."""
    while True:
        with exported_from(base):
            piece = next(pieces, None)
        if piece is None:
            return
        yield piece


def export_response(
    *,
    queryset,
    fmt: str,
    filename: str,
    public_only: bool,
    bom: bool = False,
    base: str | None = None,
):
    """A streamed download: the stories are read and written chunk by chunk."""
    if fmt == "bundle":
        pieces, content_type = bundle.bundle_bytes(queryset=queryset), bundle.CONTENT_TYPE
    else:
        text = stories_export_text(queryset=queryset, fmt=fmt, public_only=public_only, bom=bom)
        pieces = (piece.encode("utf-8") for piece in text)
        content_type = writer_for(fmt).content_type
    response = StreamingHttpResponse(_from_site(base, pieces), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Unpublished stories may be in it: no cache, shared or private, may keep a copy.
    add_never_cache_headers(response)
    return response


@method_decorator(never_cache, name="dispatch")
class StoryExportView(PermissionRequiredMixin, View):
    """The staff export page: a GET form; a valid query downloads the file."""

    permission_required = EXPORT_PERMISSION
    # Anonymous visitors go to the staff login; signed-in staff without the permission get 403.
    login_url = reverse_lazy("admin:login")
    template_name = "exports/export_form.html"

    def get(self, request):
        if "format" not in request.GET:
            return self.render_form(ExportFilterForm())
        form = ExportFilterForm(request.GET)
        if not form.is_valid():
            return self.render_form(form, status=400)
        stories = form.queryset()
        if not stories.exists():
            return self.render_form(form, notice=_("No story matches these filters."))
        fmt = form.cleaned_data["format"]
        extension = bundle.EXTENSION if fmt == "bundle" else writer_for(fmt).extension
        return export_response(
            queryset=stories,
            fmt=fmt,
            filename=form.filename(extension),
            public_only=form.public_only,
            bom=form.cleaned_data["bom"],
            # Links point at the site as the staff member reached it.
            base=self.request.build_absolute_uri("/"),
        )

    def render_form(self, form, *, status: int = 200, notice: str = ""):
        context = {
            **admin.site.each_context(self.request),
            "title": _("Export stories"),
            "form": form,
            "notice": notice,
        }
        return render(self.request, self.template_name, context, status=status)

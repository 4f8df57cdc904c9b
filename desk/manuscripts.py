"""Manuscripts from the browser: a plain-text, Markdown or .docx file becomes a draft with
its suggestions, as ``manage.py import_article`` does.

The file is read by the command's own rules (exports/manuscripts.py) and the draft written by
its service (``article_import_text``, which checks the permissions), in one transaction: a
refused file leaves nothing behind and comes back as the form's error.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Article, Section
from exports.manuscripts import (
    manuscript_kind,
    max_bytes,
    pictures_left_out,
    read_manuscript,
    too_large,
)
from exports.plaintext import article_import_text

ADD_PERMISSION = "articles.add_article"
TAG_PERMISSION = "articles.add_articleactor"


class ManuscriptForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Manuscript"),
        help_text=gettext_lazy(
            "A plain-text (.txt), Markdown (.md) or Word (.docx) file. The first line is the "
            "headline; Word's headings, bold, italic and lists are kept, its pictures are not."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.md,.markdown,.docx"}),
    )
    language = forms.ChoiceField(label=gettext_lazy("Language"), required=False)
    section = forms.ModelChoiceField(
        label=gettext_lazy("Section"),
        queryset=Section.objects.order_by("name"),
        required=False,
        empty_label=gettext_lazy("As the file says, or none"),
    )
    tag_suggested = forms.BooleanField(
        label=gettext_lazy("Tag the suggested actors"),
        help_text=gettext_lazy("Known actors the text names are tagged as mentioned."),
        required=False,
    )

    def __init__(self, *args, can_tag: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            ("", _("As the file says, or French")),
            *Article.Language.choices,
        ]
        if not can_tag:
            del self.fields["tag_suggested"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        kind = manuscript_kind(upload.name)
        if kind is None:
            raise ValidationError(
                _("%(file)s is not a plain-text (.txt), Markdown (.md) or Word (.docx) file.")
                % {"file": upload.name},
                code="kind",
            )
        if upload.size > max_bytes():  # refused before it is read
            raise too_large(upload.name)
        upload.seek(0)
        self.manuscript = read_manuscript(upload.read(max_bytes() + 1), name=upload.name, kind=kind)
        return upload


def _story_errors(error: ValidationError) -> list[str]:
    """The story's refusal, each message after the name of the field it is about."""
    if not hasattr(error, "error_dict"):
        return error.messages
    fields = {field.name: field for field in Article._meta.get_fields()}
    return [
        f"{capfirst(getattr(fields.get(name), 'verbose_name', name))}: {message}"
        for name, errors in error.message_dict.items()
        for message in errors
    ]


def _names(items) -> str:
    return ", ".join(item.actor.name if hasattr(item, "actor") else item.name for item in items)


def _summary(article, suggestions, tagged: bool, source: str) -> str:
    sentences = [
        _("The draft “%(title)s” was made from %(file)s.")
        % {"title": article.title, "file": source}
    ]
    if suggestions.actors and tagged:
        sentences.append(
            _("Tagged as mentions: %(names)s.") % {"names": _names(suggestions.actors)}
        )
    elif suggestions.actors:
        sentences.append(_("Suggested actors: %(names)s.") % {"names": _names(suggestions.actors)})
    else:
        sentences.append(_("No known actor is named in the text."))
    if suggestions.names:
        sentences.append(
            _("Names that match no actor yet: %(names)s.") % {"names": _names(suggestions.names)}
        )
    return " ".join(sentences)


def upload_view(model_admin):
    def view(request):
        if not request.user.has_perm(ADD_PERMISSION):
            raise PermissionDenied
        can_tag = request.user.has_perm(TAG_PERMISSION)
        if request.method == "POST":
            form = ManuscriptForm(request.POST, request.FILES, can_tag=can_tag)
        else:
            form = ManuscriptForm(can_tag=can_tag)
        if form.is_bound and form.is_valid():
            data, source = form.cleaned_data, form.cleaned_data["file"].name
            tagged = bool(data.get("tag_suggested"))
            try:
                article, suggestions = article_import_text(
                    text=form.manuscript.text,
                    language=data["language"] or None,
                    section=data["section"],
                    tag_suggested=tagged,
                    source=source,
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error("file", _story_errors(error))
            else:
                messages.success(request, _summary(article, suggestions, tagged, source))
                if form.manuscript.pictures:
                    messages.warning(request, pictures_left_out(form.manuscript.pictures))
                url = reverse("admin:articles_article_change", args=[article.pk])
                return HttpResponseRedirect(url)
        opts = model_admin.model._meta
        context = {
            **model_admin.admin_site.each_context(request),
            "title": _("Import a manuscript"),
            "opts": opts,
            "form": form,
            "max_bytes": max_bytes(),
        }
        return TemplateResponse(request, "admin/desk/manuscript_upload.html", context)

    return view


def views(model_admin):
    """(route, name, view) triples for the story admin's URLs (not per story)."""
    return [("manuscript", "manuscript", upload_view(model_admin))]

"""``manage.py import_article``: a plain-text, Markdown or Word (.docx) manuscript becomes a
draft.

The manuscript is read by the rules the desk's upload page follows (exports/manuscripts.py:
its size bounded by ``NEWSROOM_MANUSCRIPT_MAX_BYTES``, UTF-8 text or a .docx). Nesting needs
no limit here: markdown-it stops nesting quotes and lists at 20 levels and renders the rest as
text (the hostile-input corpus keeps such manuscripts).
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from articles.models import Article, Section
from exports.manuscripts import (
    TEXT,
    manuscript_kind,
    max_bytes,
    pictures_left_out,
    read_manuscript,
)
from exports.plaintext import article_import_text


def read_file(file: str):
    """The manuscript in ``file`` (CommandError when refused); any other name is text."""
    try:
        with Path(file).open("rb") as handle:
            data = handle.read(max_bytes() + 1)  # not more, whatever stat says (a pipe says 0)
    except OSError as error:
        raise CommandError(
            _("Cannot read %(file)s: %(error)s.") % {"file": file, "error": error.strerror}
        ) from error
    try:
        return read_manuscript(data, name=file, kind=manuscript_kind(file) or TEXT)
    except ValidationError as error:
        raise CommandError(" ".join(error.messages)) from error


class Command(BaseCommand):
    help = (
        "Create a draft from a plain-text, Markdown or Word (.docx) file: the first line is "
        "the headline unless the file starts with front matter (--- title: ... ---). Prints "
        "the actors the text names; --tag-suggested tags them on the story as mentions."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--language", choices=Article.Language.values)
        parser.add_argument("--section", help="Section slug.")
        parser.add_argument(
            "--tag-suggested", action="store_true", help="Tag the suggested actors (mentions)."
        )

    def handle(self, *args, file: str, language, section, tag_suggested: bool, **options):
        manuscript = read_file(file)
        chosen_section = None
        if section:
            chosen_section = Section.objects.filter(slug=section).first()
            if chosen_section is None:
                raise CommandError(_('Unknown section: "%(value)s".') % {"value": section})
        try:
            article, suggestions = article_import_text(
                text=manuscript.text,
                language=language,
                section=chosen_section,
                tag_suggested=tag_suggested,
                source=Path(file).name,
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                raise CommandError(" ".join(error.messages)) from error
            messages = "; ".join(
                f"{name}: {' '.join(errors)}" for name, errors in error.message_dict.items()
            )
            raise CommandError(
                _("The story is not valid: %(errors)s") % {"errors": messages}
            ) from error

        lines = [
            self.style.SUCCESS(_("Draft created: %(title)s") % {"title": article.title}),
            "  "
            + _("slug: %(slug)s   language: %(language)s   paragraphs: %(paragraphs)s")
            % {
                "slug": article.slug,
                "language": article.language,
                "paragraphs": article.body.count(chr(10) * 2) + 1 if article.body else 0,
            },
        ]
        if suggestions.actors:
            lines.append(_("Tagged as mentions:") if tag_suggested else _("Suggested actors:"))
            lines += [
                f"  {s.actor.name} ({s.actor.slug}), " + _("named %(count)s×") % {"count": s.count}
                for s in suggestions.actors
            ]
        else:
            lines.append(_("No known actor is named in the text."))
        if suggestions.names:
            lines.append(_("Names that match no actor yet:"))
            lines += [f"  {name.name} ({name.count}×)" for name in suggestions.names]
        if manuscript.pictures:
            lines.append(pictures_left_out(manuscript.pictures))
        self.stdout.write("\n".join(lines))

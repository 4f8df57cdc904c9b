"""``manage.py import_article``: a plain-text or Markdown manuscript becomes a draft.

A manuscript is bounded before it is read: at most ``NEWSROOM_MANUSCRIPT_MAX_BYTES`` (2 MB,
some 300,000 words: ten times a long feature). A larger file is a dump or a mistake, and would
cost seconds and hundreds of megabytes to read, render and search for actors. Nesting needs no
limit here: markdown-it stops nesting quotes and lists at 20 levels and renders the rest as
text (the hostile-input corpus keeps such manuscripts).
"""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from articles.models import Article, Section
from exports.plaintext import article_import_text

DEFAULT_MAX_BYTES = 2 * 1024 * 1024


def max_bytes() -> int:
    return getattr(settings, "NEWSROOM_MANUSCRIPT_MAX_BYTES", DEFAULT_MAX_BYTES)


def read_manuscript(file: str) -> str:
    """The text of ``file``, refused (CommandError) when too large or not UTF-8."""
    limit = max_bytes()
    try:
        with Path(file).open("rb") as handle:
            data = handle.read(limit + 1)  # not more, whatever stat says (a pipe says 0)
    except OSError as error:
        raise CommandError(
            _("Cannot read %(file)s: %(error)s.") % {"file": file, "error": error.strerror}
        ) from error
    if len(data) > limit:
        raise CommandError(
            _(
                "%(file)s is larger than %(limit)s, the most a manuscript may be "
                "(NEWSROOM_MANUSCRIPT_MAX_BYTES)."
            )
            % {"file": file, "limit": filesizeformat(limit)}
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CommandError(
            _("%(file)s is not UTF-8 text (%(reason)s).") % {"file": file, "reason": error.reason}
        ) from error
    return text


class Command(BaseCommand):
    help = (
        "Create a draft from a plain-text or Markdown file: the first line is the headline "
        "unless the file starts with front matter (--- title: ... ---). Prints the actors the "
        "text names; --tag-suggested tags them on the story as mentions."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--language", choices=Article.Language.values)
        parser.add_argument("--section", help="Section slug.")
        parser.add_argument(
            "--tag-suggested", action="store_true", help="Tag the suggested actors (mentions)."
        )

    def handle(self, *args, file: str, language, section, tag_suggested: bool, **options):
        text = read_manuscript(file)
        chosen_section = None
        if section:
            chosen_section = Section.objects.filter(slug=section).first()
            if chosen_section is None:
                raise CommandError(_('Unknown section: "%(value)s".') % {"value": section})
        try:
            article, suggestions = article_import_text(
                text=text, language=language, section=chosen_section, tag_suggested=tag_suggested
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        except ValidationError as error:
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
        self.stdout.write("\n".join(lines))

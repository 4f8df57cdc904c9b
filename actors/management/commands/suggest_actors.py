"""``manage.py suggest_actors``: the desk's actor suggestions, from the command line."""

from pathlib import Path

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from actors.models import Actor
from actors.suggestions import Suggestions, suggest_for_article, suggest_for_text


class Command(BaseCommand):
    help = (
        "List the actors a text names (by name or alias) and the capitalised names that match "
        "no actor. Give a text file (- for standard input) or --article SLUG; for a story, "
        "actors already tagged are left out, as in the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="A UTF-8 text or Markdown file, or -.")
        parser.add_argument("--article", metavar="SLUG", help="A story's slug.")
        parser.add_argument(
            "--benchmark",
            action="store_true",
            help="Time a 5,000-word text against 100,000 synthetic aliases (no database).",
        )

    def handle(self, *args, file=None, article=None, benchmark=False, **options):
        if benchmark:
            from actors.suggestions.benchmark import benchmark as run

            self.stdout.write(str(run()))
            return
        if bool(file) == bool(article):
            raise CommandError(_("Give either a FILE or --article SLUG."))
        if article:
            # Stories are the layer above actors: named, not imported.
            Article = apps.get_model("articles", "Article")
            story = Article.objects.filter(slug=article).first()
            if story is None:
                raise CommandError(_('No story with the slug "%(slug)s".') % {"slug": article})
            self.write(suggest_for_article(story), tagged_note=True)
        else:
            self.write(suggest_for_text(self.read(file)), tagged_note=False)

    def read(self, file: str) -> str:
        if file == "-":
            import sys

            return sys.stdin.read()
        try:
            return Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s.") % {"file": file, "error": error}
            ) from error

    def write(self, suggestions: Suggestions, *, tagged_note: bool) -> None:
        # The desk panel's headings, so that the command and the panel say the same.
        heading = _("Actors named, not tagged") if tagged_note else _("Actors named")
        self.stdout.write(self.counted(heading, suggestions.actors))
        for item in suggestions.actors:
            forms = ", ".join(" ".join(form.split()) for form in item.forms)
            self.stdout.write(
                f"  {item.count:>3}  {item.actor.name} ({item.actor.get_kind_display()}, "
                f"{item.actor.slug})  " + _("as: %(forms)s") % {"forms": forms}
            )
        self.stdout.write(self.counted(_("Names that match no actor"), suggestions.names))
        for name in suggestions.names:
            kind = f" ({Actor.Kind(name.kind).label})" if name.kind else ""
            self.stdout.write(f"  {name.count:>3}  {' '.join(name.name.split())}{kind}")

    @staticmethod
    def counted(heading: str, items) -> str:
        # A msgid of its own: French puts a space before the colon.
        return _("%(heading)s: %(count)s") % {"heading": heading, "count": len(items)}

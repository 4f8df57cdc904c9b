"""``manage.py import_actors``: load a newsroom's authority file of actors.

    manage.py import_actors actors.csv --dry-run
    manage.py import_actors wikidata-people.jsonl --default-kind person --user editor

Like ``import_stories``, the command runs as a script (``by=None``) unless ``--user`` names
the account it acts for: that account's permissions are then checked, and the history
names it.
"""

from collections.abc import Iterator

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from actors.authority import AuthorityFailed, actors_import
from actors.authority.reading import bounded_lines
from actors.models import Actor
from common.inputs import open_input
from common.progress import add_progress_argument, progress_bar


class Command(BaseCommand):
    help = _(
        "Load an authority file of actors: CSV (name, kind, aliases separated by |, "
        "wikidata_id, description, website, and optionally slug), JSON Lines with the same "
        "fields, or Wikidata items. Actors are matched by Wikidata id, else by slug, and "
        "updated; a second run of the same file changes nothing. New actors are not listed: "
        "readers see them once a public story tags them, unless --listed. The file is "
        "loaded whole or not at all."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("A .csv or .jsonl file, or - for standard input."))
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Check the whole file and report what would change; write nothing."),
        )
        parser.add_argument(
            "--listed",
            action="store_true",
            help=_("List the file's actors: readers see their pages at once."),
        )
        parser.add_argument(
            "--default-kind",
            choices=Actor.Kind.values,
            default="",
            help=_("The kind of actors whose row or Wikidata class gives none this desk knows."),
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help=_("The account the import acts for: its permissions are checked."),
        )
        add_progress_argument(parser)

    def handle(self, *args, file: str, dry_run: bool, listed: bool, **options):
        by = self.user(options["user"])
        opened = open_input(file)
        bar = progress_bar(self, options, unit=_(" lines"), total=lambda: None)
        writing = []

        def written(done: int, total: int) -> None:
            if not writing:  # the file is read and checked: the bar now counts writes
                writing.append(total)
                bar.unit = _(" actors")
                bar.reset(total=total)
            bar.update(done)

        try:
            with opened as stream, bar:
                report = actors_import(
                    lines=_counted(bounded_lines(stream), bar),
                    filename=file,
                    by=by,
                    dry_run=dry_run,
                    listed=listed,
                    default_kind=options["default_kind"],
                    progress=written,
                )
        except AuthorityFailed as error:
            raise CommandError(self.failure(error)) from None
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        except UnicodeDecodeError as error:
            raise CommandError(
                _("%(file)s is not UTF-8 text (%(reason)s).")
                % {"file": file, "reason": error.reason}
            ) from None
        self.write(report, listed=listed, verbosity=options["verbosity"])

    @staticmethod
    def user(username: str | None):
        if username is None:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_('No account is named "%(username)s".') % {"username": username})
        return user

    @staticmethod
    def failure(error: AuthorityFailed) -> str:
        errors = error.errors
        lines = [
            ngettext(
                "The file has %(count)s error; nothing was imported:",
                "The file has %(count)s errors; nothing was imported:",
                errors.count,
            )
            % {"count": errors.count}
        ]
        lines += [f"  {entry}" for entry in errors.shown]
        hidden = errors.count - len(errors.shown)
        if hidden:
            lines.append("  " + _("… and %(count)s more.") % {"count": hidden})
        return "\n".join(lines)

    def write(self, report, *, listed: bool, verbosity: int) -> None:
        counts = {
            "created": len(report.created),
            "updated": len(report.updated),
            "unchanged": report.unchanged,
            "aliases": report.aliases_added,
        }
        if report.dry_run:
            self.stdout.write(self.style.WARNING(_("Dry run: nothing was written.")))
            summary = _(
                "%(created)s would be created, %(updated)s updated, %(unchanged)s unchanged; "
                "%(aliases)s aliases would be added."
            )
        else:
            summary = _(
                "%(created)s created, %(updated)s updated, %(unchanged)s unchanged; "
                "%(aliases)s aliases added."
            )
        self.stdout.write(summary % counts)
        if verbosity >= 2:
            for heading, names in (
                (_("Created:"), report.created),
                (_("Updated:"), report.updated),
            ):
                if names:
                    self.stdout.write(heading)
                    self.stdout.write("\n".join(f"  {name}" for name in names))
        if report.created and not listed:
            self.stdout.write(
                _(
                    "New actors are not listed: readers see them once a public story tags "
                    "them (--listed lists them)."
                )
            )


def _counted(lines: Iterator[str], bar) -> Iterator[str]:
    for line in lines:
        yield line
        bar.update()

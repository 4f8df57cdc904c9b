"""``manage.py export_stories``: the staff export from the command line."""

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common.progress import add_progress_argument, plain, progress_bar
from exports.bundle.writing import bundle_export
from exports.filters import ExportFilterForm
from exports.services import CHUNK_SIZE, stories_export
from exports.writers import WRITERS


def form_errors(form) -> str:
    """ "--tag: Unknown tag: "x"." lines, named after the options the user typed."""
    lines = []
    for field, errors in form.errors.items():
        option = "" if field == "__all__" else "--" + field.replace("_", "-") + ": "
        lines += [f"{option}{error}" for error in errors]
    return "\n".join(lines)


class Command(BaseCommand):
    help = (
        "Export stories as CSV, JSON Lines, IPTC ninjs 3.1 (one document per line) or a bundle "
        "(a ZIP with the stories, their actors, relationships, sections, topics and picture "
        "files, for import_stories into another newsroom). Filters combine with AND. Without "
        "--status only the stories readers can see now are exported. Links start with "
        "NEWSROOM_BASE_URL."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", required=True, choices=[*sorted(WRITERS), "bundle"])
        parser.add_argument("--tag", action="append", default=[], help="Tag slug or name.")
        parser.add_argument("--actor", action="append", default=[], help="Actor slug.")
        parser.add_argument("--section", default="", help="Section slug.")
        parser.add_argument("--language", default="", help="fr or en.")
        parser.add_argument(
            "--status",
            action="append",
            default=[],
            help="draft, review or published (repeatable). Includes unpublished stories.",
        )
        parser.add_argument("--since", default="", help="Published on or after YYYY-MM-DD.")
        parser.add_argument("--until", default="", help="Published on or before YYYY-MM-DD.")
        parser.add_argument("--updated-since", default="", help="Updated on or after.")
        parser.add_argument("--updated-until", default="", help="Updated on or before.")
        parser.add_argument(
            "-o", "--output", default="-", help="A file path, or - for stdout (not for a bundle)."
        )
        parser.add_argument("--bom", action="store_true", help="CSV: start with a UTF-8 BOM.")
        parser.add_argument("--chunk-size", type=int, default=CHUNK_SIZE)
        add_progress_argument(parser)

    def handle(self, *args, **options):
        form = ExportFilterForm(
            {
                name: options[name]
                for name in ExportFilterForm.base_fields
                if name not in ("bom",) and options[name]
            }
        )
        if not form.is_valid():
            raise CommandError(form_errors(form))
        stories = form.queryset()
        if options["format"] == "bundle" and options["output"] == "-":
            raise CommandError("--format bundle writes a ZIP file: give its path with --output.")
        bar = progress_bar(self, options, unit=" stories", total=stories.count)
        export = {
            "queryset": stories,
            "fmt": options["format"],
            "public_only": form.public_only,
            "bom": options["bom"],
            "chunk_size": options["chunk_size"],
            "progress": bar.update,
        }
        output = options["output"]
        if output == "-":
            self.stdout.ending = ""  # the export's own line ends only
            count = stories_export(out=self.stdout, **export)
        else:
            count = self._to_file(Path(output), export)
        bar.close()
        where = "stdout" if output == "-" else output
        if options["verbosity"] >= 1:
            noun = "story" if count == 1 else "stories"
            self.stderr.write(f"Exported {count} {noun} to {where}.", style_func=plain)

    def _to_file(self, path: Path, export: dict) -> int:
        """Write beside the target, then rename: a failed export leaves no half file."""
        partial = path.with_name(path.name + ".part")
        try:
            if export["fmt"] == "bundle":
                with partial.open("wb") as out:
                    count = bundle_export(
                        queryset=export["queryset"],
                        out=out,
                        chunk_size=export["chunk_size"],
                        progress=export["progress"],
                    )
            else:
                with partial.open("w", encoding="utf-8", newline="") as out:
                    count = stories_export(out=out, **export)
            os.replace(partial, path)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror}.") from error
        finally:
            partial.unlink(missing_ok=True)
        return count

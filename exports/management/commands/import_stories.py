"""``manage.py import_stories``: read back JSON Lines records and ninjs documents."""

from collections.abc import Iterator
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common.inputs import open_input
from common.progress import add_progress_argument, progress_bar
from exports.bundle.reading import BundleError, is_bundle
from exports.bundle.restoring import bundle_import
from exports.imports import ImportFailed, read_lines, stories_import


class Command(BaseCommand):
    help = (
        "Import stories from the project's JSON Lines export or IPTC ninjs (one document per "
        "line; each line is detected on its own), or a bundle made by export_stories --format "
        "bundle (a ZIP, detected by its first bytes). Stories are created or updated by their "
        "stable id. The file is imported whole or not at all."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .jsonl file, or - for stdin.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )
        add_progress_argument(parser)

    def handle(self, *args, file: str, dry_run: bool, **options):
        if file != "-" and _starts_as_bundle(file):
            report = self._bundle(file, dry_run)
        else:
            report = self._lines(file, dry_run, options)
        self._report(report, dry_run)

    def _bundle(self, file: str, dry_run: bool):
        try:
            with Path(file).open("rb") as stream:
                return bundle_import(file=stream, dry_run=dry_run)
        except BundleError as error:
            raise CommandError(f"{file}: {error} Nothing was imported.") from error

    def _lines(self, file: str, dry_run: bool, options: dict):
        opened = open_input(file)
        try:
            with (
                opened as stream,
                progress_bar(self, options, unit=" lines", total=lambda: _line_count(file)) as bar,
            ):
                return stories_import(lines=_counted(read_lines(stream), bar), dry_run=dry_run)
        except ImportFailed as error:
            raise CommandError(f"{error} Nothing was imported.") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{file} is not UTF-8 text ({error.reason}).") from error

    def _report(self, report, dry_run: bool) -> None:
        would = "would be " if dry_run else ""
        out = [self.style.WARNING("Dry run: nothing was written.")] if dry_run else []
        for label, titles in (("created", report.created), ("updated", report.updated)):
            out.append(f"Stories {would}{label}: {len(titles)}")
            out += [f"  {title}" for title in titles]
        out.append(f"Stories unchanged: {len(report.unchanged)}")
        out.append(f"Actors {would}created: {len(report.actors_created)}")
        out += [f"  {name}" for name in report.actors_created]
        for member, made in getattr(report, "restored", {}).items():
            out.append(f"Bundle {member} {would}made: {made}")
        if report.warnings:
            out.append(self.style.WARNING(f"Warnings: {len(report.warnings)}"))
            out += [f"  {warning}" for warning in report.warnings]
        self.stdout.write("\n".join(out))


def _starts_as_bundle(file: str) -> bool:
    try:
        with Path(file).open("rb") as stream:
            return is_bundle(stream.read(4))
    except OSError:
        return False  # open_input says why


def _counted(lines: Iterator[str], bar) -> Iterator[str]:
    for line in lines:
        yield line
        bar.update()


def _line_count(file: str) -> int | None:
    """Lines in the file, read once in binary; stdin cannot be read twice, so no total."""
    if file == "-":
        return None
    count, last = 0, b"\n"
    with Path(file).open("rb") as stream:
        while chunk := stream.read(1 << 20):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (last != b"\n")

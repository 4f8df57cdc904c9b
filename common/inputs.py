"""The file a management command reads: a path, or standard input for "-"."""

import sys
from contextlib import nullcontext
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _


def open_input(file: str):
    """A context manager giving ``file`` as UTF-8 text (a byte-order mark dropped, line ends
    left for the CSV reader), or standard input for "-"; CommandError naming the file when it
    cannot be opened."""
    if file == "-":
        return nullcontext(sys.stdin)
    try:
        return Path(file).open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise CommandError(
            _("Cannot read %(file)s: %(error)s.") % {"file": file, "error": error.strerror}
        ) from error

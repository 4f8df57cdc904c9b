"""Progress bars for management commands: on stderr, and only where someone is watching.

A bar is drawn when stderr is a terminal, or when ``--progress`` asks for one; never in a log
or a pipe (tqdm's carriage returns would garble it), and never with ``--no-progress`` or
``-v0``. An explicit ``--progress`` wins over ``-v0``: it is the more specific request.
"""

from argparse import BooleanOptionalAction
from collections.abc import Callable

from django.core.management.base import BaseCommand, OutputWrapper
from tqdm import tqdm


def add_progress_argument(parser) -> None:
    parser.add_argument(
        "--progress",
        action=BooleanOptionalAction,
        default=None,
        help="Draw a progress bar on stderr (default: only when stderr is a terminal).",
    )


def progress_wanted(command: BaseCommand, options: dict) -> bool:
    if options.get("progress") is not None:
        return options["progress"]
    return options.get("verbosity", 1) >= 1 and command.stderr.isatty()


def progress_bar(
    command: BaseCommand, options: dict, *, unit: str, total: Callable[[], int | None]
) -> tqdm:
    """A bar on the command's stderr, or a silent one: callers update and close it either way.

    ``total`` is asked only when the bar is shown: counting often costs a query or a pass
    over a file that a hidden bar does not need.
    """
    if not progress_wanted(command, options):
        return tqdm(disable=True)
    return tqdm(total=total(), unit=unit, file=StderrForTqdm(command.stderr))


def plain(text: str) -> str:
    """A ``style_func`` for stderr lines that are not errors, which Django would colour red."""
    return text


class StderrForTqdm:
    """tqdm writes carriage returns; Django's wrapper would add a line break to each."""

    def __init__(self, wrapper: OutputWrapper):
        self.wrapper = wrapper

    def write(self, text: str) -> None:
        self.wrapper.write(text, style_func=plain, ending="")

    def flush(self) -> None:
        self.wrapper.flush()

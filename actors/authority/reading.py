"""Reading an authority file: CSV or JSON Lines rows, or Wikidata items, as checked entries.

Every value is checked as the model would check it (its length, its validators), so that a
bad value is reported with its line and field before anything is written; the checks are
made directly rather than through ``full_clean()``, whose uniqueness queries would cost
one round trip per actor.
"""

import csv
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from actors.authority.wikidata import ItemError, is_item, item_fields
from actors.models import Actor, Alias
from common.text import check_storable, fold

COLUMNS = ("name", "kind", "aliases", "wikidata_id", "description", "website", "slug")
# Shown at once; the rest are counted. Twenty is a screenful, enough to see a pattern.
SHOWN_ERRORS = 20
# An actor's line is a few hundred characters; a dump's item with all its claims can reach
# a megabyte or two. A longer line is not an item, and is refused before it fills the memory.
MAX_LINE_CHARS = 5_000_000

# Control characters and lone surrogates: looked for at once, told apart when found.
_UNFIT = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_BREAKS = re.compile("[\t\n\r]+")
_FIELDS = {name: Actor._meta.get_field(name) for name in COLUMNS if name != "aliases"}
_ALIAS = Alias._meta.get_field("name")
# Fields whose validators check a format, not only a length: run on every value.
_FORMATS = {"wikidata_id", "website", "slug"}
_SAME = {name: name for name in COLUMNS}  # where each field is found in a row of our own


@dataclass(frozen=True)
class EntryError:
    line: int | None  # None: the file as a whole
    field: str
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return _("line %(line)s, field %(field)s: %(message)s") % {
            "line": self.line,
            "field": self.field,
            "message": self.message,
        }


class Errors:
    """Every error found, the first ``SHOWN_ERRORS`` kept to be shown."""

    def __init__(self):
        self.shown: list[EntryError] = []
        self.count = 0

    def add(self, line: int | None, field: str, message: str) -> None:
        self.count += 1
        if len(self.shown) < SHOWN_ERRORS:
            self.shown.append(EntryError(line, field, message))

    def __bool__(self) -> bool:
        return self.count > 0


class AuthorityFailed(Exception):
    """The file cannot be imported; nothing was written."""

    def __init__(self, errors: Errors):
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors.shown))


@dataclass(slots=True)
class Entry:
    """One actor as the file gives it, checked."""

    line: int
    name: str
    kind: str
    wikidata_id: str
    description: str
    website: str
    slug: str  # as the file gives it; empty: the one the name makes
    name_folded: str
    aliases: list[tuple[str, str]]  # (alias, folded): one per folded form, none the name's
    where: dict = field(default_factory=lambda: _SAME)  # field -> the file's name for it


class _Bad(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


def bounded_lines(stream: Iterable[str]) -> Iterator[str]:
    """The lines of ``stream``, refusing a line too long to be an actor or an item."""
    readline = getattr(stream, "readline", None)
    if readline is None:
        yield from stream
        return
    number = 0
    while line := readline(MAX_LINE_CHARS + 1):
        number += 1
        if len(line) > MAX_LINE_CHARS:
            errors = Errors()
            message = _("longer than %(limit)s characters.") % {"limit": f"{MAX_LINE_CHARS:,}"}
            errors.add(number, "(line)", message)
            raise AuthorityFailed(errors)
        yield line


def read_entries(
    lines: Iterable[str], *, filename: str = "", default_kind: str = "", errors: Errors
) -> list[Entry]:
    """The entries of a CSV or JSON Lines file (by ``filename``'s extension, else by its first
    line); every bad value is added to ``errors``."""
    lines = iter(lines)
    head = []
    for line in lines:
        head.append(line)
        if line.strip():
            break
    lines = chain(head, lines)
    suffix = Path(filename).suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json") or (
        suffix != ".csv" and head and head[-1].lstrip().startswith("{")
    ):
        rows = _json_rows(lines, errors)
    else:
        rows = _csv_rows(lines, errors)
    entries = []
    for number, data, where in rows:
        entry = _entry(number, data, where, default_kind, errors)
        if entry is not None:
            entries.append(entry)
    return entries


def _json_rows(lines: Iterable[str], errors: Errors) -> Iterator[tuple[int, dict, dict]]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except RecursionError:
            errors.add(number, "(line)", _("nested too deeply to be an actor."))
            continue
        except json.JSONDecodeError as error:
            message = _("not JSON: %(error)s at character %(column)s.")
            errors.add(number, "(line)", message % {"error": error.msg, "column": error.pos + 1})
            continue
        except ValueError as error:  # a number of thousands of digits
            errors.add(number, "(line)", _("not JSON: %(error)s.") % {"error": error})
            continue
        if not isinstance(doc, dict):
            errors.add(number, "(line)", _("not a JSON object."))
            continue
        if is_item(doc):
            yield number, doc, {}
            continue
        unknown = [key for key in doc if key not in COLUMNS]
        for key in unknown:
            errors.add(number, key, _unknown_field())
        if not unknown:
            yield number, doc, _SAME


def _csv_rows(lines: Iterable[str], errors: Errors) -> Iterator[tuple[int, dict, dict]]:
    reader = csv.reader(lines, strict=True)  # a quote left open is an error, not a long value
    read = 0  # lines read so far: a quoted value may run over several
    try:
        header = next(reader, None)
        if header is None:
            return
        columns = [column.strip().lower() for column in header]
        bad = False
        for column in columns:
            if column not in COLUMNS:
                errors.add(reader.line_num, column or "(column)", _unknown_field())
                bad = True
            elif columns.count(column) > 1:
                errors.add(reader.line_num, column, _("this column is given twice."))
                bad = True
        if "name" not in columns:
            errors.add(reader.line_num, "name", _("the header has no name column."))
            bad = True
        if bad:
            return
        read = reader.line_num
        for row in reader:
            number, read = read + 1, reader.line_num
            if not any(value.strip() for value in row):
                continue
            if len(row) > len(columns):
                message = _("%(values)s values for %(columns)s columns.") % {
                    "values": len(row),
                    "columns": len(columns),
                }
                errors.add(number, "(line)", message)
                continue
            data = dict(zip(columns, row, strict=False))
            if "aliases" in data:
                data["aliases"] = data["aliases"].split("|")
            yield number, data, _SAME
    except csv.Error as error:
        # The reader cannot go on past it: what it read so far is reported with it.
        errors.add(read + 1, "(line)", _("not CSV: %(error)s.") % {"error": error})


def _unknown_field() -> str:
    return _("unknown field; an actor has %(fields)s.") % {"fields": ", ".join(COLUMNS)}


def _entry(number: int, data: dict, where: dict, default_kind: str, errors: Errors):
    if where is not _SAME:  # a Wikidata item
        try:
            data, where = item_fields(data, default_kind)
        except ItemError as error:
            errors.add(number, error.field, error.message)
            return None
    values, failed = {}, False
    for name, check in _CHECKS:
        try:
            values[name] = check(data, name, default_kind)
        except _Bad as error:
            errors.add(number, where.get(error.field, error.field), error.message)
            failed = True
    if failed:
        return None
    name_folded = fold(values["name"])
    aliases, seen = [], {name_folded}
    for alias in values.pop("aliases"):
        folded = fold(alias)
        if folded and folded not in seen:
            seen.add(folded)
            aliases.append((alias, folded))
    return Entry(line=number, name_folded=name_folded, aliases=aliases, where=where, **values)


def _text(
    data: dict, key: str, *, model_field=None, one_line: bool = True, validate: bool = True
) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _Bad(key, _("expected text, got %(value)s.") % {"value": json.dumps(value)[:60]})
    if not one_line:
        value = _BREAKS.sub(" ", value)
    value = value.strip()
    unfit = _UNFIT.search(value)
    if unfit:
        try:  # NUL and surrogates, in the words every other path uses
            check_storable(value)
        except ValidationError as error:
            raise _Bad(key, " ".join(error.messages)) from None
        raise _Bad(
            key,
            _("holds a control character (U+%(code)04X), which no name or text may contain.")
            % {"code": ord(unfit.group())},
        )
    model_field = model_field or _FIELDS.get(key)
    if (
        value
        and validate
        and model_field is not None
        and (key in _FORMATS or len(value) > model_field.max_length)
    ):
        try:  # the model's own checks: length, and the Wikidata, URL and slug formats
            model_field.run_validators(value)
        except ValidationError as error:
            raise _Bad(key, " ".join(error.messages)) from None
    return value


def _name(data: dict, key: str, default_kind: str) -> str:
    value = _text(data, key)
    if not value:
        raise _Bad(key, _("missing: an actor needs a name."))
    return value


def _kind(data: dict, key: str, default_kind: str) -> str:
    value = _text(data, key, validate=False) or default_kind
    if not value:
        raise _Bad(key, _("missing; give each actor a kind, or use --default-kind KIND."))
    if value not in Actor.Kind.values:
        raise _Bad(
            key,
            _("'%(value)s' is not one of %(kinds)s")
            % {"value": value, "kinds": ", ".join(Actor.Kind.values)},
        )
    return value


def _plain(data: dict, key: str, default_kind: str) -> str:
    return _text(data, key)


def _description(data: dict, key: str, default_kind: str) -> str:
    return _text(data, key, one_line=False)  # a spreadsheet cell may hold line breaks


def _aliases(data: dict, key: str, default_kind: str) -> list[str]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise _Bad(key, _("expected a list of names."))
    found = []
    for index, alias in enumerate(value):
        try:
            found.append(_text({key: alias}, key, model_field=_ALIAS))
        except _Bad as error:
            raise _Bad(f"{key}[{index}]", error.message) from None
    return [alias for alias in found if alias]


_CHECKS = [
    ("name", _name),
    ("kind", _kind),
    ("wikidata_id", _plain),
    ("description", _description),
    ("website", _plain),
    ("slug", _plain),
    ("aliases", _aliases),
]

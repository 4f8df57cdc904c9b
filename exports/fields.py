"""Reading untrusted records field by field; a wrong value names its field."""

import datetime as dt
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError
from django.utils import timezone

from articles.services import validate_topics
from common.text import check_storable

# The largest value of a positive integer column on every database (PostgreSQL's integer).
LARGEST_INTEGER = 2_147_483_647


class RecordError(ValueError):
    """A bad value in one record: ``field`` is its path, e.g. ``actors[2].wikidata_id``."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message

    def within(self, prefix: str) -> "RecordError":
        return RecordError(f"{prefix}.{self.field}" if self.field else prefix, self.message)


def record_label(record: dict) -> str:
    """How an error names a record: its stable id and the start of its headline."""
    title = record.get("title")
    title = f', "{title[:60]}"' if isinstance(title, str) and title else ""
    return f"story {record.get('uuid')}{title}"


def text(data: dict, key: str, *, default: str = "", max_length: int | None = None) -> str:
    value = data.get(key)
    if value is None:
        return default
    if not isinstance(value, str):
        raise RecordError(key, f"expected text, got {value!r}.")
    if max_length is not None and len(value) > max_length:
        raise RecordError(key, f"longer than {max_length} characters.")
    _storable(key, value)
    return value


def _storable(key: str, value: str) -> None:
    # JSON may spell a NUL or half a surrogate pair (\u0000, \ud800); no database keeps them.
    try:
        check_storable(value)
    except ValidationError as error:
        raise RecordError(key, " ".join(error.messages)) from None


def integer(data: dict, key: str, *, default: int) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise RecordError(key, f"expected a whole number, got {value!r}.")
    if value > LARGEST_INTEGER:
        raise RecordError(key, f"larger than {LARGEST_INTEGER}.")
    return value


def moment(data: dict, key: str) -> dt.datetime | None:
    value = data.get(key)
    if value in (None, ""):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise RecordError(key, f"{value!r} is not an ISO 8601 date and time.") from None
    # A date and time without an offset is read as UTC, the exports' own zone.
    parsed = parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
    try:
        # Stored in UTC, shown in the desk's zone: at the calendar's ends (year 1, 9999) one
        # of the two may fall outside it, and the story could then be neither saved nor shown.
        parsed.astimezone(dt.UTC)
        parsed.astimezone(timezone.get_default_timezone())
    except OverflowError:
        raise RecordError(
            key,
            f"{value!r} is outside the dates this newsroom can keep: from year 1 to 9999, "
            f"both in UTC and in its time zone ({settings.TIME_ZONE}).",
        ) from None
    return parsed


def day(data: dict, key: str) -> dt.date | None:
    value = data.get(key)
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise RecordError(key, f"{value!r} is not an ISO 8601 date (YYYY-MM-DD).") from None


def amount(data: dict, key: str) -> Decimal | None:
    value = data.get(key)
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise RecordError(key, f"{value!r} is not an amount.") from None


def objects(data: dict, key: str) -> list[dict]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise RecordError(key, "expected a list of objects.")
    return value


def texts(data: dict, key: str, *, max_length: int | None = None) -> list[str]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise RecordError(key, "expected a list of texts.")
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise RecordError(f"{key}[{index}]", f"expected a non-empty text, got {item!r}.")
        if max_length is not None and len(item) > max_length:
            raise RecordError(f"{key}[{index}]", f"longer than {max_length} characters.")
        _storable(f"{key}[{index}]", item)
    return value


def topics(data: dict, key: str) -> list[str]:
    """Topic names, each one a story can carry (see validate_topics)."""
    names = texts(data, key)
    for index, name in enumerate(names):
        try:
            validate_topics([name])
        except ValidationError as error:
            raise RecordError(f"{key}[{index}]", " ".join(error.messages)) from None
    return names


def from_validation_error(error: ValidationError, prefix: str = "") -> RecordError:
    """The first message of a model's full_clean(), under the record's name for the field."""
    if hasattr(error, "error_dict"):
        field, messages = next(iter(error.message_dict.items()))
        field = "" if field == NON_FIELD_ERRORS else field
    else:
        field, messages = "", error.messages
    path = ".".join(part for part in (prefix, field) if part)
    return RecordError(path or "record", " ".join(messages))


class ImportFailed(Exception):
    """Names the line, the record and the field, so the file can be fixed."""

    def __init__(self, *, line: int, record: str, field: str, message: str):
        self.line, self.record, self.field, self.message = line, record, field, message
        where = f"Line {line}" + (f" ({record})" if record else "")
        super().__init__(f"{where}, field {field}: {message}")


@contextmanager
def failing_as(number: int, label: str):
    """What goes wrong in the block is an ImportFailed naming line ``number``."""
    try:
        yield
    except RecordError as error:
        raise ImportFailed(
            line=number, record=label, field=error.field, message=error.message
        ) from None
    except ValidationError as error:
        error = from_validation_error(error)
        raise ImportFailed(
            line=number, record=label, field=error.field, message=error.message
        ) from None
    except DatabaseError as error:
        raise ImportFailed(line=number, record=label, field="record", message=str(error)) from error

"""Keyset pages for the actors, relationships and topics lists, and the bounded pages of search.

A page ends with an opaque ``cursor``: the sort key of its last row, as base64url JSON. The
next page asks for the rows after that key, an index range scan however deep the caller
goes (an OFFSET reads and throws away every row before the page). A cursor is only data,
never trusted: each value is checked for its type and range before it reaches a query, so
that a forged one is a 400 naming ``cursor``, not a database error.
"""

import base64
import binascii
import json

from django.db.models import Q
from django.utils.translation import gettext as _

from api.errors import BadParameter

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_CURSOR = 1000  # characters: a key of a name (200) and an id, with room to spare
MAX_ID = 2**63 - 1  # a BIGINT: a larger id is no row's, and PostgreSQL would refuse it
MAX_TEXT = 250


def encode(*values) -> str:
    raw = json.dumps(list(values), ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def refused() -> BadParameter:
    return BadParameter(
        "cursor", _("This cursor is not one this API gave: start again without it.")
    )


def decode(cursor: str | None, *types: type) -> list | None:
    """The values of a cursor made by ``encode``, each of the given type (int or str)."""
    if not cursor:
        return None
    if len(cursor) > MAX_CURSOR:
        raise refused()
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise refused() from None
    if not isinstance(values, list) or len(values) != len(types):
        raise refused()
    for value, kind in zip(values, types, strict=True):
        if type(value) is not kind:  # bool is an int: not here
            raise refused()
        if kind is int and not 0 <= value <= MAX_ID:
            raise refused()
        if kind is str and (len(value) > MAX_TEXT or not _storable(value)):
            raise refused()
    return values


def _storable(text: str) -> bool:
    # NUL and lone surrogates cannot reach PostgreSQL (common.text.check_storable says why).
    return "\x00" not in text and not any("\ud800" <= char <= "\udfff" for char in text)


def after(field: str, value, pk: int) -> Q:
    """Rows after (``value``, ``pk``) in the order ``field``, ``pk``: the ``>=`` bound lets the
    database start its index scan at the cursor instead of filtering from the first row."""
    return Q(**{f"{field}__gte": value}) & (Q(**{f"{field}__gt": value}) | Q(pk__gt=pk))


def take(queryset, limit: int) -> tuple[list, bool]:
    """One page of rows, and whether more follow (one row more is read to know)."""
    rows = list(queryset[: limit + 1])
    return rows[:limit], len(rows) > limit


def next_link(request, cursor: str | None) -> str | None:
    """This request's address with ``cursor`` in place of its own (None: the last page)."""
    if cursor is None:
        return None
    params = request.GET.copy()
    params["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

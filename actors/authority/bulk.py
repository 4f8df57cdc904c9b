"""Writing many rows at once, faster than ``bulk_create`` and ``bulk_update``.

A large authority file inserts some 100,000 actors, 300,000 aliases and their history (an
entry per actor, a row per actor and alias). ``bulk_create`` spent most of that time
building statements: quoting each value into them on PostgreSQL, compiling one per 150 rows
on SQLite (whose statements take 999 values). Here PostgreSQL gets the rows by COPY, with
primary keys drawn from the table's sequence first, as an INSERT would draw them; SQLite
gets plain INSERTs, ``RETURNING`` the keys when they are wanted. ``bulk_update`` builds a
CASE expression per row and field, and spent a minute and a half building them for 100,000
actors: one ``UPDATE … FROM (VALUES …)`` per thousand rows does the same.

Like ``bulk_create``: no ``save()``, no signals; automatic timestamps are filled.
"""

from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import islice

from django.db import connections, models, router
from django.utils import timezone

# Values the drivers write as the columns want them: passed on as they are. Anything else
# (a date, a UUID, JSON) goes through its field's get_db_prep_save(), as in an INSERT.
_AS_IS = frozenset({str, int, bool, datetime, type(None)})
# Rows per UPDATE: a statement of a few hundred kilobytes.
UPDATE_ROWS = 1000


def insert(model: type[models.Model], objs: list[models.Model]) -> list[models.Model]:
    """Insert ``objs``, new instances of ``model``, and give them their primary keys."""
    fields, now = _fields(model), timezone.now()
    stamped = [field.attname for field in fields if _stamped(field)]

    def rows():
        for obj in objs:
            for attname in stamped:
                setattr(obj, attname, now)
            yield [getattr(obj, field.attname) for field in fields]

    using = router.db_for_write(model)
    for obj, pk in zip(objs, _insert(model, using, fields, rows(), len(objs)), strict=True):
        obj.pk = pk
        obj._state.adding, obj._state.db = False, using
    return objs


def insert_values(model: type[models.Model], rows: Iterable[dict], *, keys: bool = True) -> list:
    """Insert rows given as values by attribute name (``revision_id``), with no model
    instance made for them; the fields left out take their defaults. Their primary keys;
    without ``keys``, nothing, and ``rows`` (a generator, say) are written as they come:
    the database stores each while the next is made."""
    fields, now = _fields(model), timezone.now()
    defaults = {field.attname: now if _stamped(field) else field.get_default() for field in fields}
    rows = list(rows) if keys else rows

    def values():
        for row in rows:
            for name, default in defaults.items():
                row.setdefault(name, default)  # the caller's rows then hold what was stored
            yield [row[name] for name in defaults]

    count = len(rows) if keys else None
    return _insert(model, router.db_for_write(model), fields, values(), count)


def _fields(model) -> list:
    return [field for field in model._meta.concrete_fields if not field.primary_key]


def _stamped(field) -> bool:
    return getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)


def _insert(model, using: str, fields: list, rows: Iterator[list], count: int | None) -> list:
    """Insert ``rows``, values of ``fields``; with ``count``, how many, their keys."""
    if count == 0:
        return []
    connection = connections[using]
    rows = (
        [
            value if type(value) in _AS_IS else field.get_db_prep_save(value, connection)
            for field, value in zip(fields, row, strict=True)
        ]
        for row in rows
    )
    if connection.vendor == "postgresql":
        return _copy(model, connection, fields, rows, count)
    meta, quote = model._meta, connection.ops.quote_name
    table, columns = quote(meta.db_table), ", ".join(quote(field.column) for field in fields)
    one = f"({', '.join(['%s'] * len(fields))})"
    with connection.cursor() as cursor:
        if count is None:
            # Names from the model, quoted; every value a parameter.
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES {one}", rows)  # noqa: S608
            return []
        if not connection.features.can_return_rows_from_bulk_insert:
            objs = [
                model(**dict(zip((f.attname for f in fields), row, strict=True))) for row in rows
            ]
            return [obj.pk for obj in model._default_manager.using(using).bulk_create(objs)]
        found = []
        size = max(1, connection.features.max_query_params // len(fields))
        while chunk := list(islice(rows, size)):
            values = ", ".join([one] * len(chunk))
            sql = f"INSERT INTO {table} ({columns}) VALUES {values}"  # noqa: S608
            # The keys come back in the order of the rows, as bulk_create relies on too.
            cursor.execute(
                f"{sql} RETURNING {quote(meta.pk.column)}", [v for row in chunk for v in row]
            )
            found += [pk for (pk,) in cursor.fetchall()]
        return found


def _copy(model, connection, fields: list, rows: Iterator[list], count: int | None) -> list:
    """COPY ``rows`` (the values of ``fields``). With ``count``, the primary keys are drawn
    from the table's sequence first, as INSERT would draw them, and returned; without, the
    table's default gives them."""
    meta, quote = model._meta, connection.ops.quote_name
    keys = [meta.pk] if count is not None else []
    columns = ", ".join(quote(field.column) for field in [*keys, *fields])
    # The COPY goes to psycopg's own cursor: its errors are made Django's, as any query's.
    with connection.cursor() as cursor, connection.wrap_database_errors:
        pks = []
        if count is not None:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, count],
            )
            pks = [pk for (pk,) in cursor.fetchall()]
        with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
            if count is None:
                for row in rows:
                    copy.write_row(row)
            else:
                for pk, row in zip(pks, rows, strict=True):
                    copy.write_row([pk, *row])
    return pks


def update(model: type[models.Model], objs: list[models.Model], fields: list[str]) -> None:
    """Write ``fields`` of ``objs``, stored rows, as the objects hold them."""
    using = router.db_for_write(model)
    connection = connections[using]
    meta, quote = model._meta, connection.ops.quote_name
    key, targets = meta.pk, [meta.get_field(name) for name in fields]
    table = quote(meta.db_table)
    # A VALUES list names its columns column1, column2… on both databases.
    assignments = ", ".join(
        f"{quote(field.column)} = v.column{number}" for number, field in enumerate(targets, 2)
    )
    one = f"({', '.join(['%s'] * (len(targets) + 1))})"
    size = min(UPDATE_ROWS, connection.ops.bulk_batch_size([key, *targets], objs))
    with connection.cursor() as cursor:
        for start in range(0, len(objs), size):
            chunk = objs[start : start + size]
            params = []
            for obj in chunk:
                params.append(key.get_db_prep_value(obj.pk, connection))
                params += [
                    field.get_db_prep_save(getattr(obj, field.attname), connection)
                    for field in targets
                ]
            rows = ", ".join([one] * len(chunk))
            # Names from the model, quoted; every value a parameter.
            sql = f"UPDATE {table} SET {assignments} FROM (VALUES {rows}) AS v"  # noqa: S608
            cursor.execute(f"{sql} WHERE {table}.{quote(key.column)} = v.column1", params)

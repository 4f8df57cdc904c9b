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

from datetime import datetime

from django.db import connections, models, router
from django.utils import timezone

# Values the drivers write as the columns want them: passed on as they are. Anything else
# (a date, a UUID, JSON) goes through its field's get_db_prep_save(), as in an INSERT.
_AS_IS = frozenset({str, int, bool, datetime, type(None)})
# Rows per UPDATE: a statement of a few hundred kilobytes.
UPDATE_ROWS = 1000


def insert(model: type[models.Model], objs: list[models.Model]) -> list[models.Model]:
    """Insert ``objs``, new instances of ``model``, and give them their primary keys."""
    fields = _fields(model)
    now = timezone.now()
    for obj in objs:
        for field in fields:
            if _stamped(field):
                setattr(obj, field.attname, now)
    rows = [[getattr(obj, field.attname) for field in fields] for obj in objs]
    using = router.db_for_write(model)
    for obj, pk in zip(objs, _insert(model, using, fields, rows, keys=True), strict=True):
        obj.pk = pk
        obj._state.adding, obj._state.db = False, using
    return objs


def insert_values(model: type[models.Model], rows: list[dict], *, keys: bool = True) -> list:
    """Insert rows given as values by attribute name (``revision_id``), with no model
    instance made for them; the fields left out take their defaults. Their primary keys,
    or none when ``keys`` is false."""
    fields = _fields(model)
    for field in fields:
        if any(field.attname not in row for row in rows):
            default = timezone.now() if _stamped(field) else field.get_default()
            for row in rows:
                row.setdefault(field.attname, default)
    values = [[row[field.attname] for field in fields] for row in rows]
    return _insert(model, router.db_for_write(model), fields, values, keys=keys)


def _fields(model) -> list:
    return [field for field in model._meta.concrete_fields if not field.primary_key]


def _stamped(field) -> bool:
    return getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)


def _insert(model, using: str, fields: list, rows: list[list], *, keys: bool) -> list:
    if not rows:
        return []
    connection = connections[using]
    rows = [
        [
            value if type(value) in _AS_IS else field.get_db_prep_save(value, connection)
            for field, value in zip(fields, row, strict=True)
        ]
        for row in rows
    ]
    if connection.vendor == "postgresql":
        return _copy(model, connection, fields, rows)
    meta, quote = model._meta, connection.ops.quote_name
    table, columns = quote(meta.db_table), ", ".join(quote(field.column) for field in fields)
    one = f"({', '.join(['%s'] * len(fields))})"
    with connection.cursor() as cursor:
        if not keys:
            # Names from the model, quoted; every value a parameter.
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES {one}", rows)  # noqa: S608
            return []
        if not connection.features.can_return_rows_from_bulk_insert:
            objs = [
                model(**{f.attname: v for f, v in zip(fields, row, strict=True)}) for row in rows
            ]
            return [obj.pk for obj in model._default_manager.using(using).bulk_create(objs)]
        found = []
        size = max(1, connection.features.max_query_params // len(fields))
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            values = ", ".join([one] * len(chunk))
            sql = f"INSERT INTO {table} ({columns}) VALUES {values}"  # noqa: S608
            # The keys come back in the order of the rows, as bulk_create relies on too.
            cursor.execute(
                f"{sql} RETURNING {quote(meta.pk.column)}", [v for row in chunk for v in row]
            )
            found += [pk for (pk,) in cursor.fetchall()]
        return found


def _copy(model, connection, fields: list, rows: list[list]) -> list:
    """COPY ``rows`` (the values of ``fields``) with primary keys drawn from the table's
    sequence, as INSERT would draw them; those keys."""
    meta, quote = model._meta, connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in [meta.pk, *fields])
    # The COPY goes to psycopg's own cursor: its errors are made Django's, as any query's.
    with connection.cursor() as cursor, connection.wrap_database_errors:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(rows)],
        )
        pks = [pk for (pk,) in cursor.fetchall()]
        with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
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

"""Write many rows fast: ``bulk_create`` everywhere, PostgreSQL's ``COPY`` where it pays.

Rows arrive as tuples in the order of a list of field attnames, never as model instances:
building millions of instances only to take them apart again is the slow part of a bulk
load. Fields a caller does not list get their model default, so a field added to a model
later does not break the generator (a callable default is called per row).
"""

from django.db import connections
from django.db.models import Model
from django.utils import timezone

METHODS = ("bulk", "copy")


class Sink:
    def __init__(self, *, using: str = "default", method: str = "auto"):
        self.using = using
        self.connection = connections[using]
        if method == "auto":
            # COPY is several times faster than multi-row INSERTs on PostgreSQL (measured in
            # docs/performance.md); other databases have no COPY.
            method = "copy" if self.connection.vendor == "postgresql" else "bulk"
        if method not in METHODS:
            raise ValueError(f"Unknown write method {method!r}; choose from {METHODS}.")
        if method == "copy" and self.connection.vendor != "postgresql":
            raise ValueError("COPY needs PostgreSQL.")
        self.method = method
        self._plans: dict[tuple, tuple] = {}

    def _plan(self, model: type[Model], fields: tuple[str, ...]):
        key = (model, fields)
        if key not in self._plans:
            opts = model._meta
            extra = [
                field
                for field in opts.concrete_fields
                if field.attname not in fields and not field.primary_key
            ]
            constant = [not callable(field.default) and not _stamped(field) for field in extra]
            self._plans[key] = (extra, constant)
        return self._plans[key]

    def _complete(self, model, fields, rows):
        """The rows with every concrete column, and the attnames in the same order."""
        extra, constant = self._plan(model, tuple(fields))
        if not extra:
            return list(fields), rows
        names = list(fields) + [field.attname for field in extra]
        if all(constant):
            defaults = tuple(_default(field) for field in extra)
            return names, [row + defaults for row in rows]
        return names, [row + tuple(_default(field) for field in extra) for row in rows]

    def write(self, model: type[Model], fields: list[str], rows: list[tuple]) -> int:
        if not rows:
            return 0
        names, rows = self._complete(model, fields, rows)
        if self.method == "copy":
            self._copy(model, names, rows)
        else:
            model._base_manager.using(self.using).bulk_create(
                [model(**dict(zip(names, row, strict=True))) for row in rows],
                batch_size=2000,
            )
        return len(rows)

    def _copy(self, model, names, rows):
        from psycopg import sql

        opts = model._meta
        columns = [opts.get_field(name).column for name in _fieldnames(model, names)]
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(opts.db_table), sql.SQL(", ").join(map(sql.Identifier, columns))
        )
        with self.connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)


def _stamped(field) -> bool:
    """A date Django sets when saving (auto_now, auto_now_add): it has no default."""
    return getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)


def _default(field):
    return timezone.now() if _stamped(field) else field.get_default()


def _fieldnames(model, attnames):
    """Map attnames ("article_id") back to field names, which ``get_field`` accepts."""
    by_attname = {field.attname: field.name for field in model._meta.concrete_fields}
    return [by_attname[name] for name in attnames]

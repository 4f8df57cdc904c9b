"""Trigram indexes for actor look-up on PostgreSQL (a no-op elsewhere).

The admin search and autocomplete match each folded word anywhere in an actor's folded name
or alias (``name_folded LIKE '%sanchez%'``). A B-tree cannot serve a pattern with a leading
wildcard; a GIN index with pg_trgm's operator class can, and also serves trigram similarity.
The indexes are not in the model state: Django's state has no portable way to say
"PostgreSQL only", and SQLite has no trigrams.
"""

from django.db import migrations

INDEXES = [
    ("actor_name_folded_trgm", "actors_actor", "name_folded"),
    ("alias_folded_trgm", "actors_alias", "folded"),
]


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # pg_trgm is a trusted extension: the database owner may create it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # The extension stays: other schema objects may use it by now.
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ('actors', '0004_actor_redirect'),
    ]

    operations = [
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes, elidable=False),
    ]

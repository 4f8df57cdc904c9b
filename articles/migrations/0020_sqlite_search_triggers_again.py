"""SQLite search triggers, made again: migration 0016 added the byline field, and SQLite
adds a many-to-many field by copying the stories table, which drops the triggers that keep
the full-text index in step (0008). Nothing happens on PostgreSQL."""

from importlib import import_module

from django.db import migrations

fts = import_module("articles.migrations.0008_sqlite_full_text_search")


class Migration(migrations.Migration):
    dependencies = [("articles", "0019_byline_roles")]

    operations = [migrations.RunPython(fts.create, migrations.RunPython.noop)]

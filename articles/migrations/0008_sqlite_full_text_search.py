"""SQLite search through an FTS5 index instead of folding every story in Python per query.

On PostgreSQL nothing happens (migration 0006 gave it a stored tsvector and a GIN index). On
SQLite an external-content FTS5 table indexes the headline, standfirst and body of every
story, folded by the unicode61 tokenizer (case and accents), and triggers keep it in step
with every insert, update and delete, whoever makes them.
"""

from django.db import migrations

CREATE = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS articles_search_fts USING fts5(
        title, standfirst, body,
        content='articles_article', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER IF NOT EXISTS articles_search_fts_insert
        AFTER INSERT ON articles_article BEGIN
        INSERT INTO articles_search_fts (rowid, title, standfirst, body)
        VALUES (new.id, new.title, new.standfirst, new.body);
    END""",
    """CREATE TRIGGER IF NOT EXISTS articles_search_fts_delete
        AFTER DELETE ON articles_article BEGIN
        INSERT INTO articles_search_fts (articles_search_fts, rowid, title, standfirst, body)
        VALUES ('delete', old.id, old.title, old.standfirst, old.body);
    END""",
    """CREATE TRIGGER IF NOT EXISTS articles_search_fts_update
        AFTER UPDATE OF title, standfirst, body ON articles_article BEGIN
        INSERT INTO articles_search_fts (articles_search_fts, rowid, title, standfirst, body)
        VALUES ('delete', old.id, old.title, old.standfirst, old.body);
        INSERT INTO articles_search_fts (rowid, title, standfirst, body)
        VALUES (new.id, new.title, new.standfirst, new.body);
    END""",
    "INSERT INTO articles_search_fts (articles_search_fts) VALUES ('rebuild')",
]

DROP = [
    "DROP TRIGGER IF EXISTS articles_search_fts_insert",
    "DROP TRIGGER IF EXISTS articles_search_fts_delete",
    "DROP TRIGGER IF EXISTS articles_search_fts_update",
    "DROP TABLE IF EXISTS articles_search_fts",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_article_lead_image_alter_article_body")]

    operations = [migrations.RunPython(create, drop)]

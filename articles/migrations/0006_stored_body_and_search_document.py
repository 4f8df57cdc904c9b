"""Store what reads used to recompute: the rendered body and the full-text search vector.

Pages, feeds and exports rendered every story's Markdown on every read, and PostgreSQL
search recomputed ``to_tsvector`` for every match to rank it (the old expression index only
found the matches). The rendered body is now a column written at save time, and the vector
lives in articles_searchdocument, written by a trigger and indexed by GIN; the old
expression index goes, since keeping both would double the cost of every story written.
"""

import importlib

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

from articles.rendering import render_markdown

OLD_INDEX = "article_search_gin"
SEARCH_INDEX_NAME = "article_search_document_gin"

# The stored vector: headline (A), standfirst (B) and body (C), each stemmed with the story's
# own language. A row trigger keeps articles_searchdocument in step with every write to the
# stories table, whoever makes it (ORM, COPY, raw SQL).
TRIGGER_SQL = """
CREATE OR REPLACE FUNCTION articles_search_document_refresh() RETURNS trigger AS $$
DECLARE
    config regconfig := CASE WHEN NEW.language = 'en' THEN 'newsroom_en'::regconfig
                             ELSE 'newsroom_fr'::regconfig END;
BEGIN
    INSERT INTO articles_searchdocument (article_id, document)
    VALUES (
        NEW.id,
        setweight(to_tsvector(config, coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector(config, coalesce(NEW.standfirst, '')), 'B')
        || setweight(to_tsvector(config, coalesce(NEW.body, '')), 'C')
    )
    ON CONFLICT (article_id) DO UPDATE SET document = EXCLUDED.document;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS articles_search_document ON articles_article;
CREATE TRIGGER articles_search_document
    AFTER INSERT OR UPDATE OF title, standfirst, body, language ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_search_document_refresh();
"""

DROP_TRIGGER_SQL = """
DROP TRIGGER IF EXISTS articles_search_document ON articles_article;
DROP FUNCTION IF EXISTS articles_search_document_refresh();
"""

# Every existing story, in one statement: the trigger's expression over the whole table.
BACKFILL_SQL = """
INSERT INTO articles_searchdocument (article_id, document)
SELECT id,
       setweight(to_tsvector(c.config, coalesce(title, '')), 'A')
       || setweight(to_tsvector(c.config, coalesce(standfirst, '')), 'B')
       || setweight(to_tsvector(c.config, coalesce(body, '')), 'C')
FROM articles_article,
     LATERAL (SELECT CASE WHEN language = 'en' THEN 'newsroom_en'::regconfig
                          ELSE 'newsroom_fr'::regconfig END AS config) AS c
ON CONFLICT (article_id) DO UPDATE SET document = EXCLUDED.document;
"""


def render_bodies(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    batch = []
    for article in Article.objects.only("pk", "body").iterator(chunk_size=2000):
        article.body_rendered = render_markdown(article.body)
        batch.append(article)
        if len(batch) >= 2000:
            Article.objects.bulk_update(batch, ["body_rendered"])
            batch = []
    Article.objects.bulk_update(batch, ["body_rendered"])


def drop_old_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")


def restore_old_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        previous = importlib.import_module("articles.migrations.0004_reader_search_and_old_slugs")
        schema_editor.add_index(apps.get_model("articles", "Article"), previous.SEARCH_INDEX)


def install_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(TRIGGER_SQL)
    schema_editor.execute(BACKFILL_SQL)
    schema_editor.execute(
        f"CREATE INDEX {SEARCH_INDEX_NAME} ON articles_searchdocument USING gin (document)"
    )


def uninstall_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(DROP_TRIGGER_SQL)
    schema_editor.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_editor_actor_redirects")]

    operations = [
        # First, so that SQLite's table rebuild for the new column does not try to recreate
        # the old index (created on PostgreSQL only, by 0004).
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.RemoveIndex(model_name="article", name=OLD_INDEX)],
            database_operations=[migrations.RunPython(drop_old_index, restore_old_index)],
        ),
        migrations.AddField(
            model_name="article",
            name="body_rendered",
            field=models.TextField(blank=True, editable=False, verbose_name="rendered body"),
        ),
        migrations.RunPython(render_bodies, migrations.RunPython.noop, elidable=True),
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="articles.article",
                        verbose_name="story",
                    ),
                ),
                (
                    "document",
                    django.contrib.postgres.search.SearchVectorField(
                        null=True, verbose_name="search vector"
                    ),
                ),
            ],
            options={
                "verbose_name": "search document",
                "verbose_name_plural": "search documents",
                "default_permissions": (),
            },
        ),
        migrations.RunPython(install_search, uninstall_search),
    ]

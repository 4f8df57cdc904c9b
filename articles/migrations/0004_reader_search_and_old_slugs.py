"""Old slugs (for 301s) and PostgreSQL full-text search.

On PostgreSQL: the unaccent extension, two text search configurations that fold accents before
stemming (newsroom_fr, newsroom_en) and the GIN index over articles.search.search_vector().
SQLite gets the index in the migration state only, so that both databases share one history.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations, models

SEARCH_INDEX = django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('title', config=models.Case(models.When(language='en', then=django.contrib.postgres.search.SearchConfig('newsroom_en')), default=django.contrib.postgres.search.SearchConfig('newsroom_fr')), weight='A'), '||', django.contrib.postgres.search.SearchVector('standfirst', config=models.Case(models.When(language='en', then=django.contrib.postgres.search.SearchConfig('newsroom_en')), default=django.contrib.postgres.search.SearchConfig('newsroom_fr')), weight='B'), django.contrib.postgres.search.SearchConfig(models.Case(models.When(language='en', then=django.contrib.postgres.search.SearchConfig('newsroom_en')), default=django.contrib.postgres.search.SearchConfig('newsroom_fr')))), '||', django.contrib.postgres.search.SearchVector('body', config=models.Case(models.When(language='en', then=django.contrib.postgres.search.SearchConfig('newsroom_en')), default=django.contrib.postgres.search.SearchConfig('newsroom_fr')), weight='C'), django.contrib.postgres.search.SearchConfig(models.Case(models.When(language='en', then=django.contrib.postgres.search.SearchConfig('newsroom_en')), default=django.contrib.postgres.search.SearchConfig('newsroom_fr')))), name='article_search_gin')


CONFIGS = {"newsroom_fr": "french", "newsroom_en": "english"}


class PostgresUnaccentExtension(UnaccentExtension):
    """Django skips the extension on other databases going forwards, not backwards (it looks
    it up in pg_extension): without this, SQLite could not migrate back past here."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def create_search_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, base in CONFIGS.items():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{base})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR hword, hword_part, word "
            f"WITH unaccent, {base}_stem"
        )


def drop_search_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONFIGS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


def add_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("articles", "Article"), SEARCH_INDEX)


def remove_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("articles", "Article"), SEARCH_INDEX)


class Migration(migrations.Migration):

    dependencies = [("articles", "0003_article_uuid")]

    operations = [
        migrations.CreateModel(
            name='ArticleOldSlug',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(max_length=250, unique=True, verbose_name='old slug')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='retired')),
            ],
            options={
                'verbose_name': 'old slug',
                'verbose_name_plural': 'old slugs',
                'ordering': ['-created_at', '-id'],
            },
        ),
        PostgresUnaccentExtension(),
        migrations.RunPython(create_search_configurations, drop_search_configurations),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddIndex(model_name="article", index=SEARCH_INDEX)],
            database_operations=[migrations.RunPython(add_search_index, remove_search_index)],
        ),
        migrations.AddField(
            model_name='articleoldslug',
            name='article',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='old_slugs', to='articles.article', verbose_name='story'),
        ),
    ]

"""Bylines: the contributors who sign a story, in order (they were user accounts)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0015_related_rankings'),
        ('contributors', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='Byline',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='bylines', to='articles.article', verbose_name='story')),
                ('contributor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='bylines', to='contributors.contributor', verbose_name='contributor')),
            ],
            options={
                'verbose_name': 'byline',
                'verbose_name_plural': 'bylines',
                'ordering': ['position', 'id'],
            },
        ),
        migrations.AddField(
            model_name='article',
            name='contributors',
            field=models.ManyToManyField(blank=True, related_name='articles', through='articles.Byline', to='contributors.contributor', verbose_name='byline'),
        ),
        migrations.AddIndex(
            model_name='byline',
            index=models.Index(fields=['contributor', 'article'], name='byline_by_contributor'),
        ),
        migrations.AddConstraint(
            model_name='byline',
            constraint=models.UniqueConstraint(fields=('article', 'contributor'), name='byline_unique', violation_error_message='This contributor already signs this story.'),
        ),
    ]

"""Corrections have a status: proposed by a reporter, published or withdrawn by an editor.

Existing rows were printed corrections: they become published."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_desk_list_order"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="correction",
            options={
                "ordering": ["published_at", "id"],
                "permissions": [("publish_correction", "Can publish and withdraw corrections")],
                "verbose_name": "correction",
                "verbose_name_plural": "corrections",
            },
        ),
        migrations.AddField(
            model_name="correction",
            name="status",
            field=models.CharField(
                choices=[
                    ("proposed", "proposed"),
                    ("published", "published"),
                    ("withdrawn", "withdrawn"),
                ],
                default="published",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AddField(
            model_name="correction",
            name="withdrawn_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="withdrawn"
            ),
        ),
        migrations.AddField(
            model_name="correction",
            name="withdrawn_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="withdrawn by",
            ),
        ),
        migrations.AddConstraint(
            model_name="correction",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["proposed", "published", "withdrawn"])),
                name="correction_status_valid",
            ),
        ),
    ]

import uuid

from django.db import migrations, models


def fill_uuids(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.filter(uuid__isnull=True).only("pk"):
        article.uuid = uuid.uuid4()
        article.save(update_fields=["uuid"])


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_roles")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="uuid",
            field=models.UUIDField(editable=False, null=True, verbose_name="stable id"),
        ),
        migrations.RunPython(fill_uuids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="article",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="stable id"
            ),
        ),
    ]

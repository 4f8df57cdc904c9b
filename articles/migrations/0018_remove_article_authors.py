from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0017_authors_to_contributors'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='article',
            name='authors',
        ),
    ]

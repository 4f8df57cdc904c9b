from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0008_lock_versions"),
    ]

    operations = [
        migrations.AddField(
            model_name="alias",
            name="any_case",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Match this alias however the text writes it. Leave unticked for a name "
                    "that is also a common word (Meta, Orange, Total): written with capitals, "
                    "it then only matches text written with the same capitals."
                ),
                verbose_name="any case",
            ),
        ),
    ]

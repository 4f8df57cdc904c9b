"""Renaming a topic changes every public page that shows it: that is an editor's call.
Reporters keep adding topics to their stories (add_tag) but no longer change existing ones."""

from django.db import migrations


def _change_tag(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="taggit", codename="change_tag")


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Reporter"):
        group.permissions.remove(*_change_tag(apps))


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Reporter"):
        group.permissions.add(*_change_tag(apps))


class Migration(migrations.Migration):
    dependencies = [("articles", "0012_lock_versions"), ("taggit", "0001_initial")]

    operations = [migrations.RunPython(revoke, grant)]

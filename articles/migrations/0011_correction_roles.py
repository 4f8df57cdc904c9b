"""Reporters propose corrections (add, and change their proposal before an editor publishes
it); editors publish and withdraw them (articles.publish_correction)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Reporter": ["add_correction", "change_correction"],
    "Editor": ["publish_correction"],
}


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)


def grant(apps, schema_editor):
    # Permissions are normally created after migrate; the groups need them now.
    create_permissions(
        global_apps.get_app_config("articles"),
        verbosity=0,
        apps=apps,
        using=schema_editor.connection.alias,
    )
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(*_permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [("articles", "0010_correction_status")]

    operations = [migrations.RunPython(grant, revoke)]

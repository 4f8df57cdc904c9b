"""Reporters and editors use the picture library: both upload and describe pictures; only
editors delete them (a deletion can take a picture off published pages)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Reporter": ["add_picture", "change_picture", "view_picture"],
    "Editor": ["add_picture", "change_picture", "delete_picture", "view_picture"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after migrate; the groups need them now.
    create_permissions(
        global_apps.get_app_config("pictures"),
        verbosity=0,
        apps=apps,
        using=schema_editor.connection.alias,
    )
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="pictures", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="pictures"))


class Migration(migrations.Migration):
    dependencies = [
        ("pictures", "0001_initial"),
        ("articles", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

"""Reporters and editors dismiss names from a story's panel and restore them: the list is the
desk's own, never shown to readers, so both roles hold the same permissions."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["add_dismissedname", "delete_dismissedname", "view_dismissedname"]
GROUPS = ["Reporter", "Editor"]


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="desk", codename__in=CODENAMES)


def grant(apps, schema_editor):
    # Permissions are normally created after migrate; the groups need them now.
    create_permissions(
        global_apps.get_app_config("desk"),
        verbosity=0,
        apps=apps,
        using=schema_editor.connection.alias,
    )
    Group = apps.get_model("auth", "Group")
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0001_initial"),
        ("articles", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

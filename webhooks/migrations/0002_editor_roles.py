"""Editors register partners' webhook endpoints and read the delivery log (re-sending a
failed delivery takes the right to change endpoints). Reporters and export staff do neither."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Editor": [
        "add_webhookendpoint",
        "change_webhookendpoint",
        "delete_webhookendpoint",
        "view_webhookendpoint",
        "view_webhookdelivery",
    ],
}


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="webhooks", codename__in=codenames)


def grant(apps, schema_editor):
    # Permissions are normally created after migrate; the group needs them now.
    create_permissions(
        global_apps.get_app_config("webhooks"),
        verbosity=0,
        apps=apps,
        using=schema_editor.connection.alias,
    )
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.add(*_permissions(apps, codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(*_permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("webhooks", "0001_initial"),
        ("articles", "0019_byline_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

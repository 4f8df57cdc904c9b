"""Who manages API keys: editors and export staff make, see and revoke their own (a key with
the export permission reads drafts, so export staff need one; an editor's reads what readers
read, at a partner's rate). Reporters have none. Only superusers see everyone's keys (the
admin's queryset); nobody deletes one: a key is revoked."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Editor", "Export staff"]
CODENAMES = ["add_apikey", "change_apikey", "view_apikey"]


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return list(Permission.objects.filter(content_type__app_label="api", codename__in=CODENAMES))


def grant(apps, schema_editor):
    # Permissions are normally created after migrate; the groups need them now.
    create_permissions(
        global_apps.get_app_config("api"),
        verbosity=0,
        apps=apps,
        using=schema_editor.connection.alias,
    )
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_initial"),
        # The groups are made there.
        ("articles", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

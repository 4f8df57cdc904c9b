"""Editors may look after the redirects actor merges leave behind (see actors.ActorRedirect)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_actorredirect", "change_actorredirect", "delete_actorredirect"]


def grant(apps, schema_editor):
    # Permissions are normally created after migrate; the group needs them now.
    create_permissions(
        global_apps.get_app_config("actors"),
        verbosity=0,
        apps=apps,
        using=schema_editor.connection.alias,
    )
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.add(
        *Permission.objects.filter(content_type__app_label="actors", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Editor"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="actors", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_reader_search_and_old_slugs"),
        ("actors", "0004_actor_redirect"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

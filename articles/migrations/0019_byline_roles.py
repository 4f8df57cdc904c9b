"""Who signs stories: reporters and editors sign their stories with contributors (the byline
rows) and pick them (view); editors keep the list of contributors; export staff read it, as
the exports carry bylines."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Reporter": {
        "articles": ["add_byline", "change_byline", "delete_byline", "view_byline"],
        "contributors": ["view_contributor"],
    },
    "Editor": {
        "articles": ["add_byline", "change_byline", "delete_byline", "view_byline"],
        "contributors": [
            "add_contributor",
            "change_contributor",
            "delete_contributor",
            "view_contributor",
        ],
    },
    "Export staff": {"articles": ["view_byline"], "contributors": ["view_contributor"]},
}


def _permissions(apps, grants):
    Permission = apps.get_model("auth", "Permission")
    return [
        permission
        for app_label, codenames in grants.items()
        for permission in Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
    ]


def grant(apps, schema_editor):
    # Permissions are normally created after migrate; the groups need them now.
    for label in ("articles", "contributors"):
        create_permissions(
            global_apps.get_app_config(label),
            verbosity=0,
            apps=apps,
            using=schema_editor.connection.alias,
        )
    Group = apps.get_model("auth", "Group")
    for name, grants in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.add(*_permissions(apps, grants))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, grants in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(*_permissions(apps, grants))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0018_remove_article_authors"),
        ("contributors", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

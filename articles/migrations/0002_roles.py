"""Create the desk's groups with explicit permissions, so nobody sets them up by hand."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW = ["view"]
EDIT = ["add", "change", "view"]
ALL = ["add", "change", "delete", "view"]

ROLES = {
    "Reporter": {
        "articles": {
            "article": EDIT,
            "articleactor": ALL,
            "relatedarticle": ALL,
            "section": VIEW,
            "correction": VIEW,
        },
        "actors": {"actor": VIEW, "alias": VIEW, "relationship": VIEW, "relationshipkind": VIEW},
        "taggit": {"tag": EDIT},
        "extra": [],
    },
    "Editor": {
        "articles": {
            "article": ALL,
            "articleactor": ALL,
            "relatedarticle": ALL,
            "section": ALL,
            "correction": ALL,
        },
        "actors": {"actor": ALL, "alias": ALL, "relationship": ALL, "relationshipkind": ALL},
        "taggit": {"tag": ALL},
        "extra": [("articles", "publish_article"), ("actors", "merge_actor")],
    },
    "Export staff": {
        "articles": {"article": VIEW, "section": VIEW},
        "actors": {"actor": VIEW},
        "taggit": {"tag": VIEW},
        "extra": [("articles", "export_article")],
    },
}


def install(apps, schema_editor):
    # Permissions are normally created after migrate; the groups need them now.
    for label in ("auth", "contenttypes", "taggit", "actors", "articles"):
        config = global_apps.get_app_config(label)
        create_permissions(config, verbosity=0, apps=apps, using=schema_editor.connection.alias)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, spec in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        codenames = [
            (app_label, f"{action}_{model}")
            for app_label in ("articles", "actors", "taggit")
            for model, actions in spec[app_label].items()
            for action in actions
        ] + spec["extra"]
        permissions = [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in codenames
        ]
        group.permissions.set(permissions)


def uninstall(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("actors", "0003_default_relationship_kinds"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(install, uninstall)]

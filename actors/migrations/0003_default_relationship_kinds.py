"""Install the default relationship vocabulary; editors may extend it in the admin."""

from django.db import migrations

# (slug, label, inverse label, symmetric)
DEFAULT_KINDS = [
    ("rival-of", "rival of", "", True),
    ("competes-with", "competes with", "", True),
    ("leads", "leads", "led by", False),
    ("founded", "founded", "founded by", False),
    ("owns", "owns", "owned by", False),
    ("works-for", "works for", "employs", False),
    ("engaged-to", "engaged to", "", True),
    ("married-to", "married to", "", True),
    ("donated-to", "donated to", "received donation from", False),
    ("in-tension-with", "in tension with", "", True),
    ("sued", "sued", "sued by", False),
    ("allied-with", "allied with", "", True),
    ("met", "met", "", True),
    ("visited", "visited", "visited by", False),
    ("member-of", "member of", "has member", False),
    ("attended", "attended", "attended by", False),
    ("took-place-at", "took place at", "venue of", False),
]


def install(apps, schema_editor):
    RelationshipKind = apps.get_model("actors", "RelationshipKind")
    for slug, label, inverse_label, symmetric in DEFAULT_KINDS:
        RelationshipKind.objects.get_or_create(
            slug=slug,
            defaults={"label": label, "inverse_label": inverse_label, "symmetric": symmetric},
        )


def uninstall(apps, schema_editor):
    RelationshipKind = apps.get_model("actors", "RelationshipKind")
    RelationshipKind.objects.filter(
        slug__in=[slug for slug, *_ in DEFAULT_KINDS], relationships__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("actors", "0002_initial")]

    operations = [migrations.RunPython(install, uninstall)]

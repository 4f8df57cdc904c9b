"""Every story's authors (user accounts) become contributors linked to those accounts, one
contributor per user, signing in the order the authors were added (the link rows' ids)."""

from django.db import migrations

from common.slugs import unique_slug


def _name(user) -> str:
    return f"{user.first_name} {user.last_name}".strip() or user.username


def forwards(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Byline = apps.get_model("articles", "Byline")
    Contributor = apps.get_model("contributors", "Contributor")
    Authorship = Article.authors.through
    contributors = {}  # user id -> contributor id
    positions = {}  # article id -> next position
    bylines = []
    for row in Authorship.objects.select_related("user").order_by("article_id", "id").iterator():
        contributor = contributors.get(row.user_id)
        if contributor is None:
            contributor = Contributor.objects.filter(user_id=row.user_id).first()
        if contributor is None:
            name = _name(row.user)
            contributor = Contributor.objects.create(
                name=name,
                slug=unique_slug(name, queryset=Contributor.objects.all(), fallback="contributor"),
                role="reporter",
                user_id=row.user_id,
            )
        contributors[row.user_id] = contributor
        position = positions.get(row.article_id, 0)
        positions[row.article_id] = position + 1
        bylines.append(
            Byline(article_id=row.article_id, contributor_id=contributor.pk, position=position)
        )
        if len(bylines) >= 1000:
            Byline.objects.bulk_create(bylines)
            bylines = []
    Byline.objects.bulk_create(bylines)


def backwards(apps, schema_editor):
    """Bylines of contributors linked to a user account become authors again; the others
    (freelancers, agencies) have no account to go back to."""
    Article = apps.get_model("articles", "Article")
    Byline = apps.get_model("articles", "Byline")
    Authorship = Article.authors.through
    rows = (
        Byline.objects.filter(contributor__user__isnull=False)
        .order_by("article_id", "position", "id")
        .values_list("article_id", "contributor__user_id")
    )
    Authorship.objects.bulk_create(
        [Authorship(article_id=article, user_id=user) for article, user in rows.iterator()],
        batch_size=1000,
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0016_byline'),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

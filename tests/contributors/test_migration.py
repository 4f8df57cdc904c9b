"""Existing bylines (user accounts) become contributors linked to those accounts, in order,
and go back to accounts when the migration is undone. Run in a separate process on a
database of its own, as tests/security/test_migrations.py does."""

import json

from tests.security.test_migrations import empty_database, run  # noqa: F401

SCRIPT = """
import json
import django
django.setup()
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("articles", "0016_byline")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


apps = migrate(BEFORE)
User = apps.get_model("auth", "User")
Article = apps.get_model("articles", "Article")
ana = User.objects.create(username="ana", first_name="Ána", last_name="Ñúñez")
bob = User.objects.create(username="bob")
both = Article.objects.create(title="Les deux", slug="les-deux")
both.authors.add(bob)
both.authors.add(ana)
alone = Article.objects.create(title="Seule", slug="seule")
alone.authors.add(ana)

executor = MigrationExecutor(connection)
migrate(executor.loader.graph.leaf_nodes())
from articles.models import Article
from contributors.models import Contributor

after = {
    story.slug: [(c.name, c.user.username, c.role) for c in story.byline_contributors]
    for story in Article.objects.order_by("slug")
}
contributors = sorted(Contributor.objects.values_list("slug", flat=True))

apps = migrate(BEFORE)
Article = apps.get_model("articles", "Article")
back = {
    story.slug: sorted(story.authors.values_list("username", flat=True))
    for story in Article.objects.order_by("slug")
}
print(json.dumps({"after": after, "contributors": contributors, "back": back}))
"""


def test_authors_become_contributors_in_order_and_back(empty_database):  # noqa: F811
    run(empty_database, "manage.py", "migrate", "--noinput", "-v0")
    found = json.loads(run(empty_database, "-c", SCRIPT).splitlines()[-1])
    assert found["after"] == {
        "les-deux": [["bob", "bob", "reporter"], ["Ána Ñúñez", "ana", "reporter"]],
        "seule": [["Ána Ñúñez", "ana", "reporter"]],
    }
    assert found["contributors"] == ["ana-nunez", "bob"]  # one per account
    assert found["back"] == {"les-deux": ["ana", "bob"], "seule": ["ana"]}

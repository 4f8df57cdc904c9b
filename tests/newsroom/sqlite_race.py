"""Two editors save one story at the same instant, on a SQLite file: run as a script.

``python -m tests.newsroom.sqlite_race <database file>`` migrates a fresh database, has two
editors load the story's change form, then submit it from two threads released together,
and prints one JSON line: each save's status code and whether it showed the conflict message.
It runs outside pytest because the suite's SQLite database lives in memory, shared between
threads by a cache whose locking is not the one a real server meets.
"""

import json
import os
import sys
import threading


def main(path: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from articles.models import Article, Section
    from tests.admin_forms import change_url, form_values

    call_command("migrate", verbosity=0)
    editors = Group.objects.get(name="Editor")
    section = Section.objects.create(name="Tech", slug="tech")
    story = Article.objects.create(
        title="Race", slug="race", body="Words.", section=section, status="draft"
    )
    clients, forms = [], []
    for name in ("ada", "bob"):
        user = User.objects.create_user(name, password="x", is_staff=True, first_name=name)
        user.groups.add(editors)
        client = Client(raise_request_exception=False, headers={"accept-language": "en"})
        client.force_login(user)
        response = client.get(change_url(story))
        values = form_values(response)
        values["title"] = [f"Race, by {name}"]
        clients.append(client)
        forms.append(values)
    connection.close()

    start = threading.Barrier(2)
    results = [None, None]

    def save(index):
        from django.db import connections

        start.wait()
        try:
            response = clients[index].post(change_url(story), forms[index])
            body = response.content.decode()
            other = "bob" if index == 0 else "ada"
            results[index] = [response.status_code, f"{other} changed this on" in body]
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(json.dumps({"saves": results, "title": Article.objects.get(pk=story.pk).title}))


if __name__ == "__main__":
    main(sys.argv[1])

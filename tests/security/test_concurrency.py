"""Concurrent writers on PostgreSQL: real threads, each with its own database connection.

Two editors saving the same story at the same moment must not overwrite each other without
knowing: one save wins per version, every other one is told who changed the story and saves
nothing. Two imports of files naming the same new people must not create each person twice.
SQLite takes one writer at a time, so these races exist on PostgreSQL only.
"""

import importlib
import json
import threading
import uuid
from collections import Counter
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from actors.models import Actor
from articles.models import Article
from common.text import fold
from tests.admin_forms import form_values
from tests.browser.conftest import MIGRATION_DATA
from tests.factories import ArticleFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent writers need PostgreSQL; SQLite serialises every write",
    ),
]


@pytest.fixture(autouse=True)
def migration_data(transactional_db):
    """Put back the rows the data migrations install (roles, relationship kinds): a
    transactional test before this one may have flushed them. The list of those migrations
    is kept with the browser tests, the other transactional tests."""
    schema_editor = SimpleNamespace(connection=connection)
    for module, function in MIGRATION_DATA:
        getattr(importlib.import_module(module), function)(apps, schema_editor)


THREADS = 6
ROUNDS = 3
WAIT = 60  # seconds: a thread stuck on a lock fails the test instead of hanging it


def run_together(work, count: int) -> list:
    """``work(index)`` in ``count`` threads released at once; their results, in order.

    Each thread opens its own connection and closes it at the end, so that no connection
    outlives the test (the test database is dropped afterwards).
    """
    barrier = threading.Barrier(count, timeout=WAIT)
    results: list = [None] * count

    def run(index):
        try:
            results[index] = work(index, barrier)
        except BaseException as error:  # reported by the main thread
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT)
    assert not any(thread.is_alive() for thread in threads), "a writer is still waiting"
    return results


# --- the story change form --------------------------------------------------------------------

SAVED = "was changed successfully"
CONFLICT = "while you were editing it"
NOTHING_SAVED = "Nothing was saved"
STALE = "Someone saved this a moment before you"


def test_concurrent_saves_of_one_story_lose_no_update_and_warn_every_loser():
    editors = [
        UserFactory(username=f"editor-{i}", first_name=f"Éditeur{i}", groups=["Editor"])
        for i in range(THREADS)
    ]
    story = ArticleFactory(title="Titre de départ", body="Corps de départ.")
    url = reverse("admin:articles_article_change", args=[story.pk])
    clients = []
    for editor in editors:
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(editor)
        clients.append(client)
    conflicts_seen = Counter()

    for round_number in range(ROUNDS):
        # Everyone opened the story at the same version.
        loaded = form_values(clients[0].get(url))
        version = Article.objects.get(pk=story.pk).version

        def save(index, barrier, loaded=loaded, round_number=round_number):
            data = {**loaded, "title": [f"Version {round_number} de l'éditeur {index}"]}
            barrier.wait()
            response = clients[index].post(url, data)
            if response.status_code == 302:
                page = clients[index].get(response["Location"])
                return "redirect", page.content.decode()
            errors = " ".join(response.context["adminform"].form.non_field_errors())
            return response.status_code, errors

        outcomes = run_together(save, THREADS)
        for outcome in outcomes:
            assert not isinstance(outcome, BaseException), repr(outcome)
        winners = [i for i, (kind, text) in enumerate(outcomes) if SAVED in text]
        losers = [i for i in range(THREADS) if i not in winners]
        assert len(winners) == 1, outcomes
        for i in losers:
            kind, text = outcomes[i]
            # Told that someone else saved first, and that their version was not saved.
            assert (kind == 200 and CONFLICT in text and NOTHING_SAVED in text) or (
                kind == "redirect" and STALE in text
            ), outcomes[i]
        conflicts_seen.update("form" if outcomes[i][0] == 200 else "stale" for i in losers)

        story.refresh_from_db()
        # The winner's headline is the story's: no loser overwrote it afterwards.
        assert story.title == f"Version {round_number} de l'éditeur {winners[0]}"
        assert story.version == version + 1

    print(f"{ROUNDS} rounds of {THREADS} saves: conflicts {dict(conflicts_seen)}")
    assert conflicts_seen.total() == ROUNDS * (THREADS - 1)


# --- imports of overlapping files --------------------------------------------------------------

# The same new people and organisations, spelled as two partners' files spell them.
NEW_ACTORS = [
    ("Zoé Ambroisine", "person"),
    ("Compagnie des Quais", "organisation"),
    ("Île de Quillebœuf", "place"),
    ("Hélène Lefèvre-Ørsted", "person"),
]
SHARED_STORY = str(uuid.UUID(int=7))


def record(story_id: str, title: str, actors: list[tuple[str, str]]) -> str:
    return json.dumps(
        {
            "uuid": story_id,
            "title": title,
            "slug": f"histoire-{story_id[-12:]}",
            "body": "Un paragraphe.",
            "language": "fr",
            "status": "draft",
            "actors": [
                {"name": name, "kind": kind, "role": "mentions", "position": position}
                for position, (name, kind) in enumerate(actors)
            ],
        },
        ensure_ascii=False,
    )


def overlapping_file(tmp_path, index: int):
    """Each file: a story of its own naming the new actors (in its own order, case and
    spelling), and a story every file shares."""
    spelled = [
        (name.upper() if index % 2 else name, kind)
        for name, kind in (NEW_ACTORS if index % 2 else NEW_ACTORS[::-1])
    ]
    own = str(uuid.UUID(int=1000 + index))
    lines = [
        record(own, f"Histoire du fichier {index}", spelled),
        record(SHARED_STORY, "Histoire commune", NEW_ACTORS[:2]),
    ]
    path = tmp_path / f"partner-{index}.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_concurrent_imports_of_overlapping_files_create_each_actor_once(tmp_path):
    files = [overlapping_file(tmp_path, i) for i in range(THREADS)]

    def import_file(index, barrier):
        out = StringIO()
        barrier.wait()
        try:
            call_command("import_stories", str(files[index]), stdout=out)
        except CommandError as error:
            return f"failed: {error}"
        return out.getvalue()

    outcomes = run_together(import_file, THREADS)

    failures = [o for o in outcomes if isinstance(o, BaseException) or o.startswith("failed")]
    assert not failures, failures  # every partner's file landed
    folded = Counter(fold(name) for name in Actor.objects.values_list("name", flat=True))
    for name, _kind in NEW_ACTORS:
        assert folded[fold(name)] == 1, f"{name} created {folded[fold(name)]} times"
    assert Article.objects.filter(uuid=SHARED_STORY).count() == 1
    assert Article.objects.count() == THREADS + 1
    # Every story of every file tags the one actor of each name.
    mine = Article.objects.exclude(uuid=SHARED_STORY)
    for story in mine:
        assert story.actor_tags.count() == len(NEW_ACTORS)

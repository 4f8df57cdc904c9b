"""Two saves at the same instant end in the conflict message, never "database is locked"."""

import json
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import OperationalError

from articles.admin import ArticleAdmin
from tests.admin_forms import change_url, form_values
from tests.factories import ArticleFactory


def test_simultaneous_story_saves_on_a_sqlite_file_end_in_the_conflict_message(tmp_path):
    for attempt in range(3):  # the threads meet in a different order each time
        database = tmp_path / f"race-{attempt}.sqlite3"
        run = subprocess.run(  # noqa: S603 (our own module, fixed arguments)
            [sys.executable, "-m", "tests.newsroom.sqlite_race", str(database)],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=120,
            env={"PATH": "/usr/bin:/bin", "DJANGO_DEBUG": "1", "HOME": str(tmp_path)},
        )
        assert run.returncode == 0, run.stderr[-2000:]
        outcome = json.loads(run.stdout.strip().splitlines()[-1])
        statuses = sorted(status for status, _ in outcome["saves"])
        assert statuses == [200, 302], outcome  # one saved, one was sent back to its form
        (warned,) = [told for status, told in outcome["saves"] if status == 200]
        assert warned, "the second editor was not told who saved first"
        loser = 0 if outcome["saves"][0][0] == 200 else 1
        winner = ("ada", "bob")[1 - loser]
        assert outcome["title"] == f"Race, by {winner}"


@pytest.mark.django_db
def test_a_write_that_waited_too_long_for_the_lock_is_a_503_that_saved_nothing(
    client, editor, english, monkeypatch
):
    story = ArticleFactory(title="Before")
    client.force_login(editor)
    values = form_values(client.get(change_url(story)))
    values["title"] = ["After"]

    def busy(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(ArticleAdmin, "save_model", busy)
    client.raise_request_exception = False
    response = client.post(change_url(story), values)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Nothing of it was saved" in response.content.decode()
    story.refresh_from_db()
    assert story.title == "Before"

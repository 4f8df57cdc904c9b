"""The import and export commands draw a progress bar on stderr only where someone watches."""

import io

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.exports.test_imports import export, wipe
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


class Terminal(io.StringIO):
    def isatty(self):
        return True


def run(*args, stderr=None) -> tuple[str, str]:
    out, err = io.StringIO(), stderr if stderr is not None else io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def jsonl(tmp_path):
    for slug in ("un", "deux", "trois"):
        ArticleFactory(slug=slug)
    path = tmp_path / "stories.jsonl"
    path.write_text(export(), encoding="utf-8")
    wipe()
    return str(path)


def test_import_stories_progress_counts_the_lines_and_changes_nothing_else(jsonl):
    plain_out, plain_err = run("import_stories", jsonl, "--dry-run")
    out, err = run("import_stories", jsonl, "--dry-run", "--progress")

    assert "3/3" in err and "100%" in err and " lines" in err
    assert "%|" not in plain_err  # a log or a pipe gets no bar
    assert out == plain_out
    assert "Stories would be created: 3" in out

    out, err = run("import_stories", jsonl, "--progress")
    assert "3/3" in err
    assert "Stories created: 3" in out
    assert Article.objects.count() == 3


def test_import_stories_progress_from_stdin_has_no_total(jsonl, monkeypatch):
    with open(jsonl, encoding="utf-8") as stdin:
        monkeypatch.setattr("sys.stdin", stdin)
        out, err = run("import_stories", "-", "--progress")
    assert "3 lines" in err and "/3" not in err
    assert "Stories created: 3" in out


@pytest.mark.parametrize("quiet", [["--no-progress"], ["-v", "0"]])
def test_import_stories_in_a_terminal_shows_the_bar_unless_told_not_to(jsonl, quiet):
    terminal = Terminal()
    run("import_stories", jsonl, "--dry-run", stderr=terminal)
    assert "3/3" in terminal.getvalue()
    terminal = Terminal()
    run("import_stories", jsonl, "--dry-run", *quiet, stderr=terminal)
    assert "%|" not in terminal.getvalue()


def test_export_stories_forced_progress_outside_a_terminal(db, tmp_path):
    ArticleFactory(slug="un")
    ArticleFactory(slug="deux")
    out, err = run("export_stories", "--format", "jsonl", "--chunk-size", "1", "--progress")
    assert "2/2" in err and "100%" in err
    assert len(out.splitlines()) == 2 and "%|" not in out
    _, err = run("export_stories", "--format", "jsonl", "--no-progress", stderr=Terminal())
    assert "%|" not in err and "Exported 2 stories" in err


def test_the_bar_redraws_one_line(jsonl):
    """Django's stderr wrapper ends each write with a line break; the bar's must not."""
    _, err = run("import_stories", jsonl, "--dry-run", "--progress")
    assert err.count("\r") >= 2 and err.count("\n") == 1 and err.endswith("\n")

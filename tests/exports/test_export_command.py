import io
import json

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from tests.exports.conftest import ninjs_lines
from tests.factories import ArticleFactory


class Terminal(io.StringIO):
    def isatty(self):
        return True


def export(*args, stderr=None) -> tuple[str, str]:
    out, err = io.StringIO(), stderr or io.StringIO()
    call_command("export_stories", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def stories(db):
    ArticleFactory(slug="un", tags=["espace"])
    ArticleFactory(slug="deux", tags=["espace"], language="en")
    ArticleFactory(slug="brouillon", tags=["espace"], status=Article.Status.DRAFT)


def test_stdout_gets_the_data_and_stderr_the_summary(stories):
    out, err = export("--format", "jsonl", "--tag", "espace", "--language", "en")
    assert [json.loads(line)["slug"] for line in out.splitlines()] == ["deux"]
    assert err.strip() == "Exported 1 story to stdout."


def test_ninjs_to_stdout_is_one_valid_document_per_line(stories):
    out, _ = export("--format", "ninjs")
    assert len(ninjs_lines(out)) == 2


def test_drafts_with_an_explicit_status(stories):
    out, _ = export("--format", "jsonl", "--status", "draft", "--status", "published")
    assert len(out.splitlines()) == 3


def test_output_file_with_bom(stories, tmp_path):
    target = tmp_path / "stories.csv"
    _, err = export("--format", "csv", "--bom", "--output", str(target))
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfuuid,")
    assert data.count(b"\r\n") == 3  # header and two stories, no doubled line ends
    assert not (tmp_path / "stories.csv.part").exists()
    assert f"to {target}" in err


@pytest.mark.parametrize(
    "args, message",
    [
        (["--tag", "nope"], '--tag: Unknown tag: "nope".'),
        (["--actor", "ghost"], '--actor: Unknown actor: "ghost".'),
        (["--section", "sport"], '--section: Unknown section: "sport".'),
        (["--status", "live"], '--status: Unknown status: "live".'),
        (["--since", "26/11/2026"], '--since: Malformed date "26/11/2026"'),
        (["--updated-until", "2026-02-30"], '--updated-until: Malformed date "2026-02-30"'),
    ],
)
def test_bad_values_are_command_errors_naming_them(stories, tmp_path, args, message):
    target = tmp_path / "out.jsonl"
    with pytest.raises(CommandError) as error:
        export("--format", "jsonl", "--output", str(target), *args)
    assert message in str(error.value)
    assert not target.exists()


def test_unknown_format_is_refused(stories):
    with pytest.raises(CommandError, match="invalid choice: 'xml'"):
        export("--format", "xml")


def test_progress_bar_only_in_a_terminal(stories):
    _, err = export("--format", "jsonl", "--chunk-size", "1")
    assert "%|" not in err
    terminal = Terminal()
    out, _ = export("--format", "jsonl", "--chunk-size", "1", stderr=terminal)
    assert "2/2" in terminal.getvalue() and "100%" in terminal.getvalue()
    assert "%|" not in out  # the data stays clean
    assert len(out.splitlines()) == 2

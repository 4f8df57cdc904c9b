"""import_article reads manuscripts, not dumps: a size limit, named when it refuses."""

import io

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(english):
    """The refusals are asserted in English (the english fixture, tests/conftest.py)."""


def run(path) -> str:
    out = io.StringIO()
    call_command("import_article", str(path), stdout=out)
    return out.getvalue()


def manuscript(size: int) -> str:
    """A headline and paragraphs of plain prose, ``size`` bytes of UTF-8 in all."""
    text = "Le budget de la ville\n\n"
    paragraph = "Le conseil municipal a voté le budget après un long débat.\n\n"
    text += paragraph * ((size - len(text.encode())) // len(paragraph.encode()))
    return text + "x" * (size - len(text.encode()))


def test_a_manuscript_over_two_megabytes_is_refused_with_the_limit_named(tmp_path):
    path = tmp_path / "dump.txt"
    path.write_text(manuscript(2 * 1024 * 1024 + 1), encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        run(path)
    assert str(caught.value) == (
        f"{path} is larger than 2.0\xa0MB, the most a manuscript may be "
        "(NEWSROOM_MANUSCRIPT_MAX_BYTES)."
    )
    assert not Article.objects.exists()


def test_the_limit_is_a_setting_and_a_manuscript_at_the_limit_is_taken(tmp_path, settings):
    settings.NEWSROOM_MANUSCRIPT_MAX_BYTES = 4000
    path = tmp_path / "story.txt"
    path.write_text(manuscript(4000), encoding="utf-8")
    assert "Draft created: Le budget de la ville" in run(path)

    path.write_text(manuscript(4001), encoding="utf-8")
    with pytest.raises(CommandError, match="larger than 3.9\xa0KB"):
        run(path)
    assert Article.objects.count() == 1

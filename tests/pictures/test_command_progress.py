"""``picture_renditions`` draws a bar per phase on stderr, only where someone watches."""

from io import StringIO

import pytest
from django.core.management import call_command

from pictures.models import Rendition
from tests.factories import ArticleFactory
from tests.pictures.images import make_picture

pytestmark = pytest.mark.django_db


class Terminal(StringIO):
    def isatty(self):
        return True


def test_picture_renditions_progress_counts_pictures_and_stories():
    pictures = [make_picture(seed=1), make_picture(seed=2)]
    ArticleFactory(body=pictures[0].reference)
    Rendition.objects.filter(spec="w480").delete()
    out, err = StringIO(), StringIO()

    call_command("picture_renditions", "--bodies", "--progress", stdout=out, stderr=err)

    assert "2/2" in err.getvalue() and " pictures" in err.getvalue()
    assert "1/1" in err.getvalue() and " stories" in err.getvalue()
    assert out.getvalue() == "Renditions made: 2.\nStory bodies rendered again: 1.\n"
    assert "%|" not in out.getvalue()


def test_picture_renditions_no_bar_in_a_log_or_when_quiet():
    make_picture()
    for args, err in (([], StringIO()), (["--no-progress"], Terminal()), (["-v0"], Terminal())):
        out = StringIO()
        call_command("picture_renditions", *args, stdout=out, stderr=err)
        assert err.getvalue() == ""
        assert out.getvalue() == "Renditions made: 0.\n"
    call_command("picture_renditions", stdout=StringIO(), stderr=(terminal := Terminal()))
    assert "1/1" in terminal.getvalue()

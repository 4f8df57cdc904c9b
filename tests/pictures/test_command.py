from io import StringIO

import pytest
from django.core.management import call_command

from pictures.models import Rendition
from tests.factories import ArticleFactory
from tests.pictures.images import make_picture

pytestmark = pytest.mark.django_db


def test_command_makes_missing_renditions_and_refreshes_bodies(settings):
    picture = make_picture()
    story = ArticleFactory(body=picture.reference)
    Rendition.objects.filter(spec="w480").delete()
    settings.MEDIA_URL = "https://media.example.org/"
    out = StringIO()

    call_command("picture_renditions", "--bodies", stdout=out)

    assert "Renditions made: 1." in out.getvalue()
    assert "Story bodies rendered again: 1." in out.getvalue()
    story.refresh_from_db()
    assert "https://media.example.org/pictures/" in story.body_rendered
    assert "/w480.webp 480w" in story.body_rendered

"""Renditions: the sizes pages ask for, made once, never enlarged, light to download."""

import pytest
from PIL import Image

from pictures.models import Rendition
from pictures.services import rendition_specs, renditions_make
from tests.pictures.images import image_bytes, make_picture

pytestmark = pytest.mark.django_db


def test_a_large_upload_gets_every_width_and_a_social_card():
    picture = make_picture(data=image_bytes(3000, 2000))
    sizes = {r.spec: (r.width, r.height, r.media_type) for r in picture.renditions.all()}
    assert sizes == {
        "w240": (240, 160, "image/webp"),
        "w480": (480, 320, "image/webp"),
        "w800": (800, 533, "image/webp"),
        "w1200": (1200, 800, "image/webp"),
        "social": (1200, 630, "image/jpeg"),
    }
    for rendition in picture.renditions.all():
        with Image.open(rendition.file.path) as image:
            assert image.size == (rendition.width, rendition.height)
            assert image.format == rendition.media_type.split("/")[1].upper()
        assert rendition.size == rendition.file.size
    # Each width is a fraction of the master file a phone would otherwise download.
    assert picture.rendition("w480").size < picture.file.size / 4


def test_a_small_upload_is_never_enlarged():
    picture = make_picture(data=image_bytes(600, 400))
    widths = [(r.width, r.height) for r in picture.widths()]
    assert widths == [(240, 160), (480, 320), (600, 400)]
    assert (picture.social.width, picture.social.height) == (600, 315)


def test_renditions_are_made_once_and_missing_ones_later():
    picture = make_picture()
    names = dict(picture.renditions.values_list("spec", "file"))
    assert renditions_make(picture=picture) == []  # nothing redone
    Rendition.objects.filter(picture=picture, spec="w800").delete()
    [made] = renditions_make(picture=picture)
    assert made.spec == "w800" and (made.width, made.height) == (800, 500)
    assert dict(picture.renditions.values_list("spec", "file")) == names


def test_rendition_specs_keep_proportions():
    assert rendition_specs(1000, 3000)["w480"] == (480, 1440, False)
    assert rendition_specs(1000, 3000)["social"] == (1000, 525, True)

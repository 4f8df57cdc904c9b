"""Pictures as cameras and designers make them: a phone's MPO, a very tall infographic, a
60-megapixel photo. Each is taken, gets its renditions, and costs bounded memory."""

import io
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from pictures import processing
from pictures.models import SOCIAL, Picture
from tests.pictures.images import image_bytes, make_picture
from tests.pictures.test_uploads import png_header_only

# Pillow keeps 4 bytes a pixel (RGB too): a 60-megapixel picture is 240 MB decoded.
SIXTY_MP = (10_000, 6_000)
DECODED_MB = SIXTY_MP[0] * SIXTY_MP[1] * 4 // 2**20


def mpo_bytes(first="red", second="blue") -> bytes:
    """A JPEG holding two pictures, as phones and stereo cameras write them."""
    out = io.BytesIO()
    frames = [Image.new("RGB", (1600, 1000), colour) for colour in (first, second)]
    frames[0].save(out, "MPO", save_all=True, append_images=frames[1:])
    return out.getvalue()


def stored(file) -> Image.Image:
    with file.open("rb") as handle:
        image = Image.open(handle)
        image.load()
    return image


@pytest.mark.django_db
def test_a_phone_mpo_is_kept_as_the_jpeg_of_its_first_picture():
    picture = make_picture(data=mpo_bytes(first="red", second="blue"))

    assert picture.format == "JPEG" and picture.media_type == "image/jpeg"
    master = stored(picture.file)
    assert master.format == "JPEG" and getattr(master, "n_frames", 1) == 1
    red, green, blue = master.getpixel((800, 500))
    assert red > 240 and green < 15 and blue < 15  # the first picture, not the second
    assert {r.spec for r in picture.renditions.all()} == {"w240", "w480", "w800", "w1200", SOCIAL}


@pytest.mark.django_db
def test_an_mpo_uploaded_in_the_admin_becomes_a_picture(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("admin:pictures_picture_add"),
        {
            "upload": SimpleUploadedFile("DSCF0001.JPG", mpo_bytes(), content_type="image/jpeg"),
            "alt_text": "Une photo d'appareil",
        },
    )
    assert response.status_code == 302
    assert Picture.objects.get().format == "JPEG"


@pytest.mark.django_db
def test_one_row_over_sixty_megapixels_is_a_form_error_naming_size_and_limit(client, editor):
    client.force_login(editor)
    data = png_header_only(SIXTY_MP[0], SIXTY_MP[1] + 1)
    response = client.post(
        reverse("admin:pictures_picture_add"),
        {
            "upload": SimpleUploadedFile("scan.png", data, content_type="image/png"),
            "alt_text": "Un scan",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["upload"] == [
        "This image is 10000 × 6001 pixels, more than the 60 megapixels allowed (a file this "
        "large is refused, as it may be a decompression bomb)."
    ]
    assert not Picture.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("size", [(1080, 18_000), (400, 40_000)], ids=["infographic", "strip"])
def test_a_very_tall_picture_gets_renditions_webp_can_hold(size):
    width, height = size
    picture = make_picture(data=image_bytes(width, height, fmt="PNG"))

    assert (picture.width, picture.height) == size
    renditions = list(picture.renditions.all())
    assert {r.spec for r in renditions} >= {"w240", "w400" if width == 400 else "w1080"}
    for rendition in renditions:
        image = stored(rendition.file)
        assert image.size == (rendition.width, rendition.height)
        assert max(image.size) <= processing.MAX_SIDE[image.format]
        if rendition.spec != SOCIAL:  # the same shape as the original, to the pixel
            assert abs(image.height - image.width * height / width) <= height / width
    tallest = max(renditions, key=lambda r: r.height)
    assert tallest.height == 16_383


@pytest.mark.parametrize(
    ("size", "target", "fmt", "expected"),
    [
        ((4000, 3000), 1200, "WEBP", (1200, 900)),
        ((800, 600), 1200, "WEBP", (800, 600)),  # never enlarged
        ((1080, 18_000), 1200, "WEBP", (983, 16_383)),
        ((1, 60_000), 1200, "WEBP", (1, 16_383)),  # no side rounded down to nothing
        ((1000, 70_000), 1200, "JPEG", (936, 65_535)),
    ],
)
def test_fitted_sizes_keep_proportions_within_the_format(size, target, fmt, expected):
    assert processing.fitted(*size, target, fmt) == expected


def largest_difference(one: Image.Image, other: Image.Image) -> int:
    return max(abs(a - b) for a, b in zip(one.tobytes(), other.tobytes(), strict=True))


def test_a_transparent_picture_shrunk_band_by_band_looks_as_pillows_whole_resize():
    image = Image.open(io.BytesIO(image_bytes(3000, 2000, fmt="PNG")))
    image.putalpha(Image.linear_gradient("L").resize(image.size))
    ours = processing.resized(image, 240)
    whole = image.resize(ours.size, Image.Resampling.LANCZOS)  # a full premultiplied copy

    assert ours.mode == "RGBA"
    assert largest_difference(ours.getchannel("A"), whole.getchannel("A")) <= 1
    # On a white page, as readers see it: no more apart than Pillow's own reducing_gap
    # makes an opaque picture.
    on_white = processing._flat(ours), processing._flat(whole)
    assert largest_difference(*on_white) <= 8


def test_a_large_jpeg_master_is_decoded_at_reduced_scale_for_renditions():
    master = io.BytesIO(image_bytes(9600, 4800))
    image = processing.open_master(master)
    # Half the size is still twice the widest rendition (1200) and the card's height (630).
    assert image.size == (4800, 2400)
    assert processing.resized(image, 1200).size == (1200, 600)


def run(args, env, timeout=300):
    done = subprocess.run(  # noqa: S603 - our own interpreter and module, our arguments
        [sys.executable, "-m", "tests.pictures.peak_memory", *map(str, args)],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_a_sixty_megapixel_upload_stays_well_under_a_gigabyte(fmt, tmp_path):
    env = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
    }
    env.pop("DATABASE_REPLICA_URL", None)
    path = tmp_path / f"sixty.{fmt.lower()}"
    run(["make", path, fmt, *SIXTY_MP], env)

    measured = json.loads(run(["upload", path], env))

    # A turned phone JPEG is turned upright (Pillow needs a second buffer for that); nothing
    # else holds the picture twice: at most twice its decoded size above what Django holds.
    assert measured["peak"] - measured["before"] < 2 * DECODED_MB + 40, measured
    assert measured["peak"] < 800, measured
    assert measured["renditions"]["w1200"] in ([1200, 720], [1200, 2000])

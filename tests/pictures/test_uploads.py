"""Uploads are judged by their content: hostile or broken files are refused, nothing is kept."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pictures.models import Picture, Rendition
from pictures.services import picture_create
from tests.pictures.images import GPS_IFD, MAKE, image_bytes, make_picture

pytestmark = pytest.mark.django_db


def stored_files(settings) -> list[str]:
    return sorted(str(p.relative_to(settings.MEDIA_ROOT)) for p in settings.MEDIA_ROOT.rglob("*.*"))


def refused(data: bytes, name: str = "photo.jpg") -> ValidationError:
    upload = SimpleUploadedFile(name, data, content_type="image/jpeg")
    with pytest.raises(ValidationError) as caught:
        picture_create(upload=upload, alt_text="Une photo")
    return caught.value


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares width x height pixels but holds almost no data: a bomb's header."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64))


@pytest.mark.parametrize(
    "content",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>',
        b"<!doctype html><html><script>alert(document.cookie)</script></html>",
        b"%PDF-1.7\n1 0 obj<<>>endobj",
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
    ],
    ids=["svg", "html", "pdf", "gif"],
)
def test_a_file_that_is_not_jpeg_png_or_webp_is_refused_whatever_its_name(content, settings):
    error = refused(content, "holiday.jpg")
    assert error.code == "not_an_image"
    assert "not a JPEG, PNG or WebP image" in error.messages[0]
    assert not Picture.objects.exists() and stored_files(settings) == []


def test_a_real_gif_renamed_jpg_is_refused_too():
    out = io.BytesIO()
    Image.new("RGB", (40, 40), "red").save(out, "GIF")
    assert refused(out.getvalue(), "photo.jpg").code == "not_an_image"


def test_a_truncated_jpeg_is_refused_as_damaged(settings):
    data = image_bytes(800, 600)
    error = refused(data[: len(data) // 2])
    assert error.code == "damaged"
    assert stored_files(settings) == []


def test_a_decompression_bomb_is_refused_from_its_header(settings):
    # 20,000 x 20,000 pixels (400 megapixels, 1.2 GB decoded) in a file of a few dozen bytes.
    error = refused(png_header_only(20_000, 20_000), "bomb.png")
    assert error.code == "too_many_pixels"
    assert "decompression bomb" in error.messages[0]
    assert not Picture.objects.exists() and stored_files(settings) == []


def test_an_image_over_the_pixel_limit_names_its_size(settings):
    settings.NEWSROOM_PICTURE_MAX_PIXELS = 1_000_000
    error = refused(image_bytes(1600, 1000))
    assert error.code == "too_many_pixels"
    assert "1600 × 1000 pixels" in error.messages[0]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(settings):
    settings.NEWSROOM_PICTURE_MAX_BYTES = 100_000
    upload = SimpleUploadedFile("big.jpg", b"\xff\xd8" + b"\0" * 200_000)
    with pytest.raises(ValidationError) as caught:
        picture_create(upload=upload, alt_text="Trop lourde")
    assert caught.value.code == "too_big"
    assert caught.value.messages[0] == (
        "The file is 195.3\xa0KB; pictures may be at most 97.7\xa0KB."
    )
    assert stored_files(settings) == []


def test_the_same_file_twice_points_to_the_picture_already_in_the_library(settings):
    first = make_picture()
    files = stored_files(settings)
    error = refused(image_bytes(seed=0))
    assert error.code == "duplicate"
    assert str(first) in error.messages[0]
    assert Picture.objects.count() == 1 and stored_files(settings) == files


def test_a_failure_after_the_first_file_is_stored_leaves_no_file_and_no_row(settings, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("pictures.services.processing.encode", broken)
    with pytest.raises(OSError):
        make_picture()
    assert not Picture.objects.exists() and not Rendition.objects.exists()
    assert stored_files(settings) == []


def metadata(path) -> dict:
    with Image.open(path) as image:
        exif = image.getexif()
        return {
            "exif": dict(exif),
            "gps": dict(exif.get_ifd(GPS_IFD)),
            "icc": image.info.get("icc_profile"),
            "xmp": image.info.get("xmp"),
        }


def test_location_and_camera_data_are_in_no_stored_file(settings):
    upload = image_bytes(1600, 1000, exif=True)
    assert metadata(io.BytesIO(upload))["gps"]  # the upload does hold a GPS position
    assert metadata(io.BytesIO(upload))["exif"][MAKE] == "Canon"

    picture = make_picture(data=upload)

    files = [picture.file.path, *(r.file.path for r in picture.renditions.all())]
    assert len(files) == 6
    for path in files:
        assert metadata(path) == {"exif": {}, "gps": {}, "icc": None, "xmp": None}, path
        with open(path, "rb") as stored:
            assert b"Canon" not in stored.read()


def test_the_exif_orientation_is_applied_before_it_is_dropped():
    # A camera held upright writes a landscape sensor image and "rotate 90°" in EXIF.
    picture = make_picture(data=image_bytes(1600, 1000, orientation=6))
    assert (picture.width, picture.height) == (1000, 1600)
    w480 = picture.rendition("w480")
    assert (w480.width, w480.height) == (480, 768)


def test_png_and_webp_are_accepted_and_keep_their_format():
    png = make_picture(data=image_bytes(900, 600, "PNG"), alt_text="Un schéma")
    webp = make_picture(data=image_bytes(900, 600, "WEBP"), alt_text="Une affiche")
    assert (png.format, png.media_type, png.file.name[-4:]) == ("PNG", "image/png", ".png")
    assert (webp.format, webp.media_type, webp.file.name[-5:]) == ("WEBP", "image/webp", ".webp")

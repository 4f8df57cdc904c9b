"""Pillow work on uploads: what a file really is, and the metadata-free versions we publish.

Nothing here trusts a file's name or declared type: the bytes are opened by Pillow, restricted
to JPEG, PNG and WebP decoders, and measured before they are decoded, so that a decompression
bomb is refused from its header. Every image written back (the master copy and each
rendition) is re-encoded from pixels only: EXIF (GPS position, camera serial), XMP, IPTC and
comments never reach storage, and colour profiles are converted to sRGB first.

Memory is what a large upload costs: a 60-megapixel picture is 240 MB once decoded (Pillow
keeps four bytes a pixel). So the decoded image is changed in place rather than copied, a
transparent image is shrunk a band of rows at a time (Pillow premultiplies a whole RGBA image
before resizing it), and a stored JPEG master is decoded at reduced scale for renditions.
"""

import hashlib
import io
import warnings
from dataclasses import dataclass
from math import ceil

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

# Pillow format name -> (media type, file extension).
FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}
# Pillow names a JPEG holding several pictures (a phone's MPO: photo and depth map, or a
# stereo pair) after its container; its first frame is an ordinary JPEG, and all we keep.
SAME_AS = {"MPO": "JPEG"}
# The longest side each format can encode (WebP's is a limit of the format itself).
MAX_SIDE = {"JPEG": 65_535, "WEBP": 16_383, "PNG": 2**31 - 1}
# Pixels per band when a transparent image is shrunk band by band (16 MB of RGBA).
BAND_PIXELS = 4_000_000

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# 60 megapixels: above the largest press cameras (about 45), far below what a bomb declares.
DEFAULT_MAX_PIXELS = 60_000_000

_SRGB = ImageCms.createProfile("sRGB")


def max_bytes() -> int:
    return getattr(settings, "NEWSROOM_PICTURE_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_pixels() -> int:
    return getattr(settings, "NEWSROOM_PICTURE_MAX_PIXELS", DEFAULT_MAX_PIXELS)


@dataclass
class Inspected:
    """An upload that passed every check, decoded, upright and in sRGB."""

    image: Image.Image
    format: str  # JPEG, PNG or WEBP
    content_hash: str  # sha256 of the uploaded bytes: the same file uploaded twice is found

    @property
    def width(self) -> int:
        return self.image.width

    @property
    def height(self) -> int:
        return self.image.height


def read_upload(upload) -> bytes:
    """The bytes of an uploaded file (or of bytes), refusing a file over the size limit
    before reading it whole."""
    limit = max_bytes()
    if isinstance(upload, bytes):
        data = upload
    else:
        size = getattr(upload, "size", None)
        if size is not None and size > limit:
            raise _too_big(size, limit)
        upload.seek(0)
        data = upload.read(limit + 1)
    if len(data) > limit:
        raise _too_big(len(data), limit)
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    return data


def _too_big(size: int, limit: int) -> ValidationError:
    return ValidationError(
        _("The file is %(size)s; pictures may be at most %(limit)s.")
        % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
        code="too_big",
    )


def inspect(data: bytes) -> Inspected:
    """Check that ``data`` is a whole JPEG, PNG or WebP image of reasonable size; decode it."""
    not_an_image = ValidationError(
        _(
            "This file is not a JPEG, PNG or WebP image (whatever its name says). "
            "Export the picture as JPEG, PNG or WebP and upload it again."
        ),
        code="not_an_image",
    )
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice it: treat a warning as a refusal.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data), formats=list(FORMATS))
            fmt = SAME_AS.get(probe.format, probe.format)
            _check_dimensions(probe.width, probe.height)
            probe.verify()  # structure and checksums, without decoding the pixels
            # verify() leaves the image unusable: reopen to decode (the first frame only, of
            # an MPO, an animated PNG or WebP).
            image = Image.open(io.BytesIO(data), formats=list(FORMATS))
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except UnidentifiedImageError:
        raise not_an_image from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(
            _("This image file is damaged or incomplete; it could not be read."),
            code="damaged",
        ) from None
    image = upright_srgb(image)
    return Inspected(image=image, format=fmt, content_hash=hashlib.sha256(data).hexdigest())


def _check_dimensions(width: int, height: int) -> None:
    if width < 1 or height < 1:
        raise ValidationError(_("This image has no pixels."), code="damaged")
    if width * height > max_pixels():
        raise _too_many_pixels(width, height)


def _too_many_pixels(width: int | None = None, height: int | None = None) -> ValidationError:
    limit = max_pixels() / 1_000_000
    if width and height:
        message = _(
            "This image is %(width)d × %(height)d pixels, more than the %(limit)g megapixels "
            "allowed (a file this large is refused, as it may be a decompression bomb)."
        ) % {"width": width, "height": height, "limit": limit}
    else:
        message = _(
            "This image declares more than %(limit)g megapixels and is refused "
            "(it may be a decompression bomb)."
        ) % {"limit": limit}
    return ValidationError(message, code="too_many_pixels")


def upright_srgb(image: Image.Image) -> Image.Image:
    """The pixels as a reader should see them: EXIF rotation applied, colours in sRGB.

    ``image`` is changed in place where Pillow can (rotation, an RGB profile), so that a large
    picture is not held twice; the caller keeps only the image returned.
    """
    image.load()  # decoded now (at the draft's scale, if one was set), from a file still open
    ImageOps.exif_transpose(image, in_place=True)
    profile = image.info.get("icc_profile")
    if profile and image.mode in ("RGB", "RGBA", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            if image.mode == "CMYK":
                image = ImageCms.profileToProfile(image, source, _SRGB, outputMode="RGB")
            else:
                ImageCms.profileToProfile(image, source, _SRGB, inPlace=True)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: keep the pixels as they are
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        has_alpha = image.mode in ("P", "PA") and "transparency" in image.info
        image = image.convert("RGBA" if has_alpha or image.mode == "PA" else "RGB")
    # The opened file still carries the upload's info (EXIF, XMP, ICC, text chunks), and some
    # encoders fall back to it: a plain image on the same pixels (no copy), its info emptied,
    # can write nothing of the upload's metadata out again.
    image = image._new(image.im)
    image.info = {}
    return image


def open_master(file) -> Image.Image:
    """A stored master, decoded for making renditions: a JPEG at the smallest scale (1/2 to
    1/8, decoded so by libjpeg) that still holds twice the pixels of the largest rendition."""
    from pictures.models import SOCIAL_SIZE, WIDTHS

    image = Image.open(file, formats=list(FORMATS))
    if image.format in ("JPEG", "MPO"):
        wanted = (2 * max(*WIDTHS, SOCIAL_SIZE[0]), 2 * SOCIAL_SIZE[1])
        image.draft("RGB", (min(image.width, wanted[0]), min(image.height, wanted[1])))
    return upright_srgb(image)


def _flat(image: Image.Image) -> Image.Image:
    """RGB for JPEG: transparent areas on white, as a reader's page would show them."""
    if image.mode in ("RGBA", "LA"):
        background = Image.new("RGB", image.size, "white")
        background.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
        return background
    return image.convert("RGB") if image.mode != "RGB" else image


def encode(image: Image.Image, fmt: str) -> bytes:
    """``image`` re-encoded with no metadata at all (no exif=, icc_profile=, xmp=)."""
    out = io.BytesIO()
    if fmt == "JPEG":
        _flat(image).save(out, "JPEG", quality=82, optimize=True, progressive=True)
    elif fmt == "WEBP":
        image.save(out, "WEBP", quality=80, method=4)
    elif fmt == "PNG":
        image.save(out, "PNG", optimize=True)
    else:  # pragma: no cover - the callers only pass FORMATS
        raise ValueError(fmt)
    return out.getvalue()


def encode_master(image: Image.Image, fmt: str) -> bytes:
    """The library's copy of an upload: its own format, high quality, metadata-free."""
    out = io.BytesIO()
    if fmt == "JPEG":
        _flat(image).save(out, "JPEG", quality=92, optimize=True)
    elif fmt == "WEBP":
        image.save(out, "WEBP", quality=90, method=4)
    else:
        image.save(out, "PNG")
    return out.getvalue()


def fitted(width: int, height: int, target: int, fmt: str = "WEBP") -> tuple[int, int]:
    """The size of a ``width`` x ``height`` image made ``target`` pixels wide (never
    enlarged), then smaller still if a side is over what ``fmt`` can encode; proportions kept
    (to the pixel: a side is never rounded down to nothing)."""
    limit = MAX_SIDE[fmt]
    scale = min(1.0, target / width, limit / width, limit / height)
    if scale == 1.0:
        return width, height
    return max(1, min(limit, round(width * scale))), max(1, min(limit, round(height * scale)))


def resized(image: Image.Image, width: int, fmt: str = "WEBP") -> Image.Image:
    """``image`` at ``width`` pixels wide (never enlarged), proportions kept, and within the
    side limit of ``fmt``, the format it is to be encoded in."""
    size = fitted(image.width, image.height, width, fmt)
    if size == image.size:
        return image
    shrunk, factor = _shrink(image, image.size, size)
    # The last reduced row or column may stand for fewer pixels: the box leaves that out.
    box = (0, 0, image.width / factor, image.height / factor)
    pixels = shrunk.resize(size, Image.Resampling.LANCZOS, box=box, reducing_gap=2.0)
    return _unmultiplied(pixels, image)


def cropped(image: Image.Image, width: int, height: int) -> Image.Image:
    """A centred crop to width:height, at most that size (a small upload is not enlarged)."""
    scale = min(1.0, image.width / width, image.height / height)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    # The part of the image the crop keeps, at the image's scale, decides how far to shrink.
    ratio = min(image.width / size[0], image.height / size[1])
    kept = (max(1, round(size[0] * ratio)), max(1, round(size[1] * ratio)))
    shrunk, _factor = _shrink(image, kept, size)
    return _unmultiplied(ImageOps.fit(shrunk, size, Image.Resampling.LANCZOS), image)


# Transparent modes and the premultiplied form Pillow averages them in (no dark fringes).
_PREMULTIPLIED = {"RGBA": "RGBa", "LA": "La"}


def _shrink(
    image: Image.Image, part: tuple[int, int], final: tuple[int, int]
) -> tuple[Image.Image, int]:
    """``image`` reduced by a whole factor that leaves ``part`` of it (all of it, or what a
    crop keeps) at least twice the size of ``final``: the last LANCZOS step keeps its quality
    and works on a small image.

    Pillow's reduce() and resize() premultiply a whole transparent image (a full copy) first:
    here a band of rows at a time (in multiples of the factor), and the result is left
    premultiplied for the last step (_unmultiplied turns it back). Returns the factor too.
    """
    factor = int(min(part[0] / final[0], part[1] / final[1]) / 2)
    if factor < 2:
        return image, 1
    if image.mode not in _PREMULTIPLIED:
        return image.reduce(factor), factor
    mode = _PREMULTIPLIED[image.mode]
    reduced = Image.new(mode, (ceil(image.width / factor), ceil(image.height / factor)))
    rows = factor * max(1, BAND_PIXELS // (image.width * factor))
    for top in range(0, image.height, rows):
        band = image.crop((0, top, image.width, min(image.height, top + rows))).convert(mode)
        reduced.paste(band.reduce(factor), (0, top // factor))
        del band
    return reduced, factor


def _unmultiplied(image: Image.Image, original: Image.Image) -> Image.Image:
    return image.convert(original.mode) if image.mode != original.mode else image

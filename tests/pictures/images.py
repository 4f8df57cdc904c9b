"""Image files made on the fly for the picture tests (nothing downloaded)."""

import io
import uuid

from PIL import Image, ImageDraw

from pictures.services import picture_create

# EXIF tags: GPSInfo (an IFD), Orientation, Make, Model.
GPS_IFD, ORIENTATION, MAKE, MODEL = 0x8825, 0x0112, 0x010F, 0x0110


def image_bytes(
    width: int = 1600,
    height: int = 1000,
    fmt: str = "JPEG",
    *,
    colour=(40, 90, 160),
    exif: bool = False,
    orientation: int | None = None,
    seed: int = 0,
) -> bytes:
    """A drawn picture; with ``exif``, a camera's make, model and a GPS position in Paris."""
    mode = "RGBA" if fmt == "PNG" else "RGB"
    image = Image.new(mode, (width, height), colour)
    draw = ImageDraw.Draw(image)
    # Something in the corner that differs per seed, so that every call can be a new file.
    draw.rectangle((0, 0, width // 3, height // 3), fill=(200, (seed * 37) % 256, 60))
    draw.ellipse((width // 2, height // 2, width - 10, height - 10), fill=(250, 250, 250))
    out = io.BytesIO()
    kwargs = {}
    if exif or orientation:
        data = Image.Exif()
        if exif:
            data[MAKE] = "Canon"
            data[MODEL] = "EOS R5"
            data.get_ifd(GPS_IFD).update(
                {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 3.0)}
            )
        if orientation:
            data[ORIENTATION] = orientation
        kwargs["exif"] = data.tobytes()
    image.save(out, fmt, **kwargs)
    return out.getvalue()


def make_picture(seed: int = 0, **kwargs):
    """A picture in the library, with its renditions, through the upload service."""
    data = kwargs.pop("data", None) or image_bytes(seed=seed)
    kwargs.setdefault("alt_text", f"Une fusée sur son pas de tir ({seed})")
    kwargs.setdefault("caption", "La fusée avant son lancement.")
    kwargs.setdefault("credit", "Photo : Rédaction")
    return picture_create(upload=data, **kwargs)


def clone_picture(picture):
    """Another library picture sharing ``picture``'s files: many pictures, one Pillow run."""
    from pictures.models import Picture, Rendition

    clone = Picture.objects.create(
        file=picture.file.name,
        alt_text=picture.alt_text,
        caption=picture.caption,
        credit=picture.credit,
        width=picture.width,
        height=picture.height,
        format=picture.format,
        content_hash=uuid.uuid4().hex * 2,
    )
    Rendition.objects.bulk_create(
        Rendition(
            picture=clone,
            spec=r.spec,
            file=r.file.name,
            width=r.width,
            height=r.height,
            media_type=r.media_type,
            size=r.size,
        )
        for r in picture.renditions.all()
    )
    return clone

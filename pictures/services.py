"""Writes to the picture library: a checked upload with its renditions, changes, deletion.

Files go through Django's default storage (the local disk, or an S3-compatible store when
configured), under names derived from the content hash, so that every app server sharing the
store finds the same files.
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

from common.services import require, revision
from pictures import processing
from pictures.models import SOCIAL, SOCIAL_SIZE, WIDTHS, Picture, Rendition, width_spec


def _folder(content_hash: str) -> str:
    return f"pictures/{content_hash[:2]}/{content_hash}"


def duplicate_of(content_hash: str) -> Picture | None:
    return Picture.objects.filter(content_hash=content_hash).first()


def duplicate_error(existing: Picture) -> ValidationError:
    return ValidationError(
        _("This file is already in the library: “%(picture)s”. Use that picture instead.")
        % {"picture": existing},
        code="duplicate",
    )


def picture_create(
    *,
    upload,
    alt_text: str,
    caption: str = "",
    credit: str = "",
    source: str = "",
    uploaded_by=None,
    by=None,
) -> Picture:
    """A new picture from an upload and its texts; see picture_add."""
    picture = Picture(
        alt_text=alt_text, caption=caption, credit=credit, source=source, uploaded_by=uploaded_by
    )
    return picture_add(picture=picture, upload=upload, by=by)


def picture_add(*, picture: Picture, upload, by=None) -> Picture:
    """Check an upload, store it without metadata with its renditions, and record it as
    ``picture``, a new row whose texts are filled (the admin's add form goes on with it).

    All or nothing: a refused file raises ValidationError before anything is written, and
    if anything fails after the first file is stored, the files written are deleted and the
    rows rolled back.
    """
    require(by, "pictures.add_picture")
    inspected = processing.inspect(processing.read_upload(upload))
    existing = duplicate_of(inspected.content_hash)
    if existing is not None:
        raise duplicate_error(existing)
    written: list[str] = []
    try:
        with transaction.atomic():
            media_type, extension = processing.FORMATS[inspected.format]
            master = processing.encode_master(inspected.image, inspected.format)
            name = default_storage.save(
                f"{_folder(inspected.content_hash)}.{extension}", ContentFile(master)
            )
            written.append(name)
            picture.file = name
            picture.width, picture.height = inspected.width, inspected.height
            picture.format = inspected.format
            picture.content_hash = inspected.content_hash
            picture.full_clean()
            picture.save()
            renditions_make(picture=picture, image=inspected.image, written=written, by=by)
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    return picture


def rendition_specs(width: int, height: int) -> dict[str, tuple[int, int, bool]]:
    """spec -> (width, height, crop) for a picture of this size; never enlarged."""
    specs = {}
    for target in sorted({min(w, width) for w in WIDTHS}):
        specs[width_spec(target)] = (target, max(1, round(height * target / width)), False)
    scale = min(1.0, width / SOCIAL_SIZE[0], height / SOCIAL_SIZE[1])
    specs[SOCIAL] = (round(SOCIAL_SIZE[0] * scale), round(SOCIAL_SIZE[1] * scale), True)
    return specs


def renditions_make(
    *,
    picture: Picture,
    image: Image.Image | None = None,
    written: list[str] | None = None,
    by=None,
) -> list[Rendition]:
    """Make the renditions a picture lacks (all of them at upload; new sizes later)."""
    require(by, "pictures.change_picture")
    have = set(picture.renditions.values_list("spec", flat=True))
    wanted = {
        spec: size
        for spec, size in rendition_specs(picture.width, picture.height).items()
        if spec not in have
    }
    picture.__dict__.pop("_rendition_cache", None)  # about to change
    if not wanted:
        return []
    if image is None:
        with picture.file.open("rb") as master:
            image = processing.open_master(master)
    made = []
    for spec, (width, _height, crop) in wanted.items():
        if crop:
            pixels, fmt = processing.cropped(image, *SOCIAL_SIZE), "JPEG"
        else:
            pixels, fmt = processing.resized(image, width), "WEBP"
        data = processing.encode(pixels, fmt)
        media_type, extension = processing.FORMATS[fmt]
        name = f"{_folder(picture.content_hash)}/{spec}.{extension}"
        if default_storage.exists(name):  # left by a lost row: made from the same master
            default_storage.delete(name)
        name = default_storage.save(name, ContentFile(data))
        if written is not None:
            written.append(name)
        made.append(
            Rendition.objects.create(
                picture=picture,
                spec=spec,
                file=name,
                width=pixels.width,
                height=pixels.height,
                media_type=media_type,
                size=len(data),
            )
        )
    return made


# What readers see of a picture on the page (the source is for the desk and the exports).
READER_VISIBLE = {"alt_text", "caption", "credit"}


def _stories_showing(picture: Picture):
    """Stories that show the picture: as their lead image or in their body."""
    Article = apps.get_model("articles", "Article")
    in_body = Article.objects.filter(body__contains=picture.reference)
    return Article.objects.filter(lead_image=picture), in_body


@transaction.atomic
def picture_update(*, picture: Picture, changed: list[str], by=None) -> int:
    """After an edit of alt text, caption, credit or source: the stories that show the
    picture say so too. Bodies are rendered again (their figures carry the caption) and every
    such story counts as modified, so that caches and crawlers fetch it again.

    Returns how many stories were refreshed.
    """
    require(by, "pictures.change_picture")
    with revision(by=by, comment=_("Picture changed")):
        picture.full_clean()
        picture.save()
    if not set(changed) & READER_VISIBLE:
        return 0
    as_lead, in_body = _stories_showing(picture)
    refreshed = as_lead.update(updated_at=timezone.now())
    for article in in_body:
        article.save(update_fields=["body", "updated_at"])  # renders the body again
        refreshed += 1
    return refreshed


def stories_with_reference(picture: Picture, limit: int = 20) -> list[str]:
    """Titles of the stories whose body shows the picture."""
    return list(_stories_showing(picture)[1].values_list("title", flat=True)[:limit])


@transaction.atomic
def picture_delete(*, picture: Picture, by=None) -> None:
    """Delete a picture no story body refers to; its files go once the deletion commits.

    Lead images and portraits are protected by their foreign keys (the admin lists them);
    body references are plain text, so they are looked for here.
    """
    require(by, "pictures.delete_picture")
    titles = stories_with_reference(picture, limit=5)
    if titles:
        raise ValidationError(
            _("This picture is shown in the body of: %(stories)s. Remove it there first.")
            % {"stories": "; ".join(titles)},
            code="in_use",
        )
    names = [picture.file.name, *(r.file.name for r in picture.renditions.all())]
    picture.delete()
    transaction.on_commit(lambda: [default_storage.delete(name) for name in names])

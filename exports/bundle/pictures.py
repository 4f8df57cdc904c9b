"""Restoring a bundle's pictures: the master file and renditions, byte for byte.

Files are stored under the names the library gives them (from the content hash), so a moved
picture keeps its URLs. Every file is checked to be an image the library accepts; renditions
a bundle lacks are made again from the master.
"""

import re
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import connection
from django.db.models import Q

from exports import fields
from exports.bundle import members
from exports.bundle.reading import BundleError
from exports.fields import RecordError
from pictures import processing
from pictures.models import Picture, Rendition
from pictures.services import _folder, renditions_make

_HASH = re.compile(r"[0-9a-f]{64}")


def uuid_field(record: dict, key: str) -> uuid.UUID:
    value = fields.text(record, key)
    try:
        return uuid.UUID(value)
    except ValueError:
        raise RecordError(key, f"{value!r} is not a UUID.") from None


class PictureRows:
    """The pictures part of a bundle import (``restoring._Restore``): it fills ``numbers``
    (a picture's number in the bundle -> here) and ``pictures`` (by stable id)."""

    numbered = False  # a picture was given its number: the next new one must come after

    def pictures_numbered(self) -> None:
        """Move the id sequence past the numbers given, so that uploads get new ones."""
        if self.numbered:
            sql = connection.ops.sequence_reset_sql(no_style(), [Picture])
            with connection.cursor() as cursor:
                for statement in sql:
                    cursor.execute(statement)

    def picture(self, record: dict) -> bool:
        stable_id = uuid_field(record, "uuid")
        content_hash = fields.text(record, "content_hash")
        if not _HASH.fullmatch(content_hash):
            raise RecordError("content_hash", f"{content_hash!r} is not a sha256 hex digest.")
        number = fields.integer(record, "number", default=0)
        found = Picture.objects.filter(Q(uuid=stable_id) | Q(content_hash=content_hash)).first()
        made = found is None
        if made:
            found = self._new_picture(record, stable_id, content_hash, number)
        self.numbers[number] = found.pk
        self.pictures[str(stable_id)] = found
        return made

    def _image(self, member: str) -> processing.Inspected:
        if not member.startswith(members.PICTURE_FILES):
            raise RecordError("file", f"{member!r} is not under {members.PICTURE_FILES}.")
        try:
            return processing.inspect(self.bundle.read(member))
        except ValidationError as error:
            raise BundleError(member, " ".join(error.messages)) from None

    def _store(self, name: str, data: bytes) -> str:
        if default_storage.exists(name):  # left by a lost row
            default_storage.delete(name)
        name = default_storage.save(name, ContentFile(data))
        self.written.append(name)
        return name

    def _new_picture(
        self, record: dict, stable_id: uuid.UUID, content_hash: str, number: int
    ) -> Picture:
        member = fields.text(record, "file")
        master = self._image(member)
        extension = processing.FORMATS[master.format][1]
        picture = Picture(
            # Its number, when free here (an empty newsroom): bodies then read the same.
            pk=number if number and not Picture.objects.filter(pk=number).exists() else None,
            uuid=stable_id,
            content_hash=content_hash,
            width=master.width,
            height=master.height,
            format=master.format,
            **{
                key: fields.text(record, key) for key in ("alt_text", "caption", "credit", "source")
            },
        )
        picture.file = self._store(f"{_folder(content_hash)}.{extension}", self.bundle.read(member))
        picture.full_clean()
        picture.save(force_insert=True)
        if picture.pk == number:
            self.numbered = True
        for index, entry in enumerate(fields.objects(record, "renditions")):
            try:
                self._rendition(picture, entry)
            except RecordError as error:
                raise error.within(f"renditions[{index}]") from None
        renditions_make(picture=picture, image=master.image, written=self.written)  # any missing
        self._stamp(Picture, picture.pk, record, "uploaded_at", "updated_at")
        return picture

    def _rendition(self, picture: Picture, entry: dict) -> None:
        spec = fields.text(entry, "spec", max_length=20)
        if not re.fullmatch(r"[a-z0-9]+", spec):
            raise RecordError("spec", f"{spec!r} is not a rendition name.")
        member = fields.text(entry, "file")
        image = self._image(member)
        extension = processing.FORMATS[image.format][1]
        name = self._store(
            f"{_folder(picture.content_hash)}/{spec}.{extension}", self.bundle.read(member)
        )
        Rendition.objects.create(
            picture=picture,
            spec=spec,
            file=name,
            width=image.width,
            height=image.height,
            media_type=processing.FORMATS[image.format][0],
            size=default_storage.size(name),
        )

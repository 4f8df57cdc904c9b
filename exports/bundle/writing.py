"""Writing a bundle, member by member, in bounded memory.

The ZIP is written as a stream (``zf.open(name, "w")``): to a file, or through ``Pipe`` to a
streamed HTTP response, never held whole. Stories come in the export's chunks; every other
member is a queryset read with ``.iterator(chunk_size=...)``; picture files are copied from
the storage in pieces.
"""

import io
import json
import shutil
import zipfile
from collections.abc import Callable, Iterator
from typing import BinaryIO

from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.utils import timezone

from articles.rendering import PICTURE_REFERENCE
from exports.bundle import members
from exports.records import base_url, iso
from exports.services import CHUNK_SIZE, PIECE_SIZE, stories_in_chunks
from exports.writers import JsonLinesWriter
from exports.writers import _json as json_line

CONTENT_TYPE = "application/zip"
EXTENSION = "zip"
COPY_SIZE = 256 * 1024


class Pipe(io.RawIOBase):
    """A write-only, unseekable file whose bytes are taken out as they come (``drain``)."""

    def __init__(self):
        self._pieces: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._pieces.append(bytes(data))
        return len(data)

    def drain(self) -> bytes:
        data, self._pieces = b"".join(self._pieces), []
        return data


class _Lines:
    """Text lines into one ZIP member, written in pieces of about ``PIECE_SIZE``."""

    def __init__(self, zf: zipfile.ZipFile, name: str):
        self._member = zf.open(name, "w", force_zip64=True)
        self._pieces: list[str] = []
        self._size = 0
        self.count = 0

    def add(self, line: str) -> None:
        self._pieces.append(line)
        self._size += len(line)
        self.count += 1
        if self._size >= PIECE_SIZE:
            self.flush()

    def flush(self) -> None:
        if self._pieces:
            self._member.write("".join(self._pieces).encode("utf-8"))
            self._pieces, self._size = [], 0

    def close(self) -> None:
        self.flush()
        self._member.close()


def bundle_steps(
    *,
    queryset: QuerySet,
    out: BinaryIO,
    chunk_size: int = CHUNK_SIZE,
    progress: Callable[[int], None] | None = None,
) -> Iterator[int]:
    """Write the bundle of ``queryset``'s stories to ``out``; yield after every piece written
    (so a stream can pass it on), and finally the number of stories."""
    counts: dict[str, int] = {}
    body_pictures: set[int] = set()  # the pictures bodies show: a set as large as the library
    writer = JsonLinesWriter()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        stories = _Lines(zf, members.STORIES)
        for chunk in stories_in_chunks(
            queryset=queryset, prefetch=writer.prefetch, chunk_size=chunk_size
        ):
            for article in chunk:
                stories.add(writer.story(article))
                body_pictures.update(int(n) for n in PICTURE_REFERENCE.findall(article.body))
            stories.flush()
            if progress is not None:
                progress(len(chunk))
            yield -1
        stories.close()
        counts["stories"] = stories.count
        story_ids = queryset.order_by().values("pk")
        for rows in members.ROWS:
            lines = _Lines(zf, rows.member)
            selected = (
                rows.select(story_ids, body_pictures)
                .prefetch_related(*members.PREFETCH.get(rows.member, ()))
                .order_by(*members.ORDER[rows.member])
            )
            for row in selected.iterator(chunk_size=chunk_size):
                lines.add(json_line(rows.record(row)))
            lines.close()
            counts[rows.member.removesuffix(".jsonl")] = lines.count
            yield -1
            if rows.member == "pictures.jsonl":
                # Read again: a ZIP takes one member at a time, and the records are written.
                for picture in selected.iterator(chunk_size=chunk_size):
                    yield from _picture_files(zf, picture)
        manifest = {
            "format": members.FORMAT,
            "version": members.FORMAT_VERSION,
            "created_at": iso(timezone.now()),
            "base_url": base_url(),
            "counts": counts,
        }
        zf.writestr(members.MANIFEST, json.dumps(manifest, indent=2) + "\n")
    yield counts["stories"]


def _picture_files(zf: zipfile.ZipFile, picture) -> Iterator[int]:
    """The master file and the renditions as stored: the same bytes, the same names."""
    names = [picture.file.name, *(r.file.name for r in picture.renditions.all())]
    for name in names:
        # Pictures are compressed already: stored as they are.
        info = zipfile.ZipInfo(members.picture_member(name), date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_STORED
        with (
            default_storage.open(name, "rb") as source,
            zf.open(info, "w", force_zip64=True) as target,
        ):
            shutil.copyfileobj(source, target, COPY_SIZE)
        yield -1


def bundle_export(*, queryset: QuerySet, out: BinaryIO, **options) -> int:
    """Write the bundle to a binary file; return how many stories it holds."""
    count = 0
    for count in bundle_steps(queryset=queryset, out=out, **options):  # noqa: B007
        pass
    return count


def bundle_bytes(*, queryset: QuerySet, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
    """The bundle as pieces of bytes, for a streamed download."""
    pipe = Pipe()
    for _step in bundle_steps(queryset=queryset, out=pipe, chunk_size=chunk_size):
        data = pipe.drain()
        if data:
            yield data
    data = pipe.drain()
    if data:
        yield data

"""Reading an untrusted bundle: every member name, size and line checked before use.

Whatever is wrong is a ``BundleError`` naming the member, the line and the field: a missing
member, a line that is not JSON, a name that would leave the bundle (``../../x``), a member
larger than any real one could be (a ZIP bomb), a picture file that is not a picture.
"""

import json
import zipfile
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import BinaryIO

from exports.bundle import members
from exports.imports import MAX_DEPTH, MAX_FILE_CHARS, MAX_LINE_CHARS, _depth
from pictures import processing

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
MAX_MEMBERS = 1_000_000
# A JSON Lines member is read line by line; a picture file whole, so it is kept to the
# library's own limit for an upload (and a rendition is smaller than its master).
MAX_TEXT_MEMBER = MAX_FILE_CHARS * 4  # bytes: four per character at most in UTF-8


class BundleError(Exception):
    def __init__(self, member: str, message: str, *, line: int | None = None, field: str = ""):
        self.member, self.line, self.field, self.message = member, line, field, message
        where = member + (f", line {line}" if line else "") + (f", field {field}" if field else "")
        super().__init__(f"{where}: {message}")


def is_bundle(head: bytes) -> bool:
    return head[:4] in ZIP_MAGIC


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        bool(name)
        and "\\" not in name
        and not path.is_absolute()
        and ".." not in path.parts
        and ":" not in path.parts[0]
    )


class Bundle:
    def __init__(self, file: BinaryIO):
        try:
            self.zip = zipfile.ZipFile(file)
        except (zipfile.BadZipFile, OSError) as error:
            raise BundleError("(file)", f"not a readable ZIP file ({error}).") from None
        infos = self.zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise BundleError("(file)", f"more than {MAX_MEMBERS:,} members.")
        self.infos = {}
        for info in infos:
            if not _safe_name(info.filename):
                raise BundleError(
                    info.filename, "unsafe member name: it would be written outside the bundle."
                )
            limit = (
                processing.max_bytes()
                if info.filename.startswith(members.PICTURE_FILES)
                else MAX_TEXT_MEMBER
            )
            if info.file_size > limit:
                raise BundleError(
                    info.filename,
                    f"{info.file_size:,} bytes once uncompressed, over the limit of {limit:,}.",
                )
            self.infos[info.filename] = info
        self.manifest = self._manifest()

    def _info(self, name: str) -> zipfile.ZipInfo:
        if name not in self.infos:
            raise BundleError(name, "missing from the bundle.")
        return self.infos[name]

    def _manifest(self) -> dict:
        info = self._info(members.MANIFEST)
        if info.file_size > MAX_LINE_CHARS:
            raise BundleError(members.MANIFEST, "too large for a manifest.")
        try:
            manifest = json.loads(self.zip.read(info))
        except ValueError as error:
            raise BundleError(members.MANIFEST, f"not JSON: {error}.") from None
        except (zipfile.BadZipFile, OSError) as error:
            raise BundleError(members.MANIFEST, f"unreadable: {error}.") from None
        if not isinstance(manifest, dict) or manifest.get("format") != members.FORMAT:
            raise BundleError(
                members.MANIFEST,
                f"not a newsroom bundle (format is not {members.FORMAT!r}).",
                field="format",
            )
        version = manifest.get("version")
        if not isinstance(version, int) or not 1 <= version <= members.FORMAT_VERSION:
            raise BundleError(
                members.MANIFEST,
                f"version {version!r} is not one this newsroom reads "
                f"(1 to {members.FORMAT_VERSION}).",
                field="version",
            )
        return manifest

    def records(self, name: str) -> Iterator[tuple[int, dict]]:
        """(line number, record) for each line of a JSON Lines member."""
        for number, line in self.lines(name):
            try:
                record = json.loads(line)
            except RecursionError:
                raise BundleError(
                    name, f"nested more than {MAX_DEPTH} levels.", line=number
                ) from None
            except ValueError as error:
                raise BundleError(name, f"not JSON: {error}.", line=number) from None
            if not isinstance(record, dict):
                raise BundleError(name, "not a JSON object.", line=number)
            if _depth(record) > MAX_DEPTH:
                raise BundleError(name, f"nested more than {MAX_DEPTH} levels.", line=number)
            yield number, record

    def lines(self, name: str) -> Iterator[tuple[int, str]]:
        """The non-blank lines of a member, none read past ``MAX_LINE_CHARS``."""
        info = self._info(name)
        try:
            with self.zip.open(info) as raw:
                number = 0
                while line := raw.readline(MAX_LINE_CHARS * 4 + 1):
                    number += 1
                    if len(line) > MAX_LINE_CHARS * 4:
                        raise BundleError(name, "line too long.", line=number)
                    try:
                        text = line.decode("utf-8")
                    except UnicodeDecodeError as error:
                        raise BundleError(
                            name, f"not UTF-8 text ({error.reason}).", line=number
                        ) from None
                    if text.strip():
                        yield number, text
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            raise BundleError(name, f"unreadable: {error}.") from None

    def read(self, name: str) -> bytes:
        """A picture file's bytes (its size was checked against the limit on opening)."""
        info = self._info(name)
        try:
            return self.zip.read(info)
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            raise BundleError(name, f"unreadable: {error}.") from None

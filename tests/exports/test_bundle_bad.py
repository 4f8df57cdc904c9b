"""A wrong bundle is refused whole, with a message naming the member, the line and the field."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from actors.models import Actor, Relationship
from articles.models import Article, Section
from exports.bundle import reading
from pictures.models import Picture

pytestmark = pytest.mark.django_db


@pytest.fixture
def bundle(rich_story, settings, tmp_path) -> Path:
    """A good bundle of the rich story with two pictures, and an emptied newsroom."""
    from tests.pictures.images import make_picture

    settings.MEDIA_ROOT = str(tmp_path / "before")
    rich_story.lead_image = make_picture(seed=1)
    rich_story.body += f"\n\n{make_picture(seed=2).reference}\n"
    rich_story.save()
    path = tmp_path / "good.zip"
    call_command("export_stories", "--format", "bundle", "-o", str(path), stderr=io.StringIO())
    for model in (Article, Relationship, Actor, Picture, Section):
        model.objects.all().delete()
    settings.MEDIA_ROOT = str(tmp_path / "after")
    return path


def rewritten(path: Path, *, drop=(), replace=None, add=None) -> Path:
    """A copy of the bundle with members left out, replaced or added."""
    replace, add = replace or {}, add or {}
    copy = path.with_name("bad.zip")
    with zipfile.ZipFile(path) as good, zipfile.ZipFile(copy, "w") as bad:
        for info in good.infolist():
            if info.filename in drop:
                continue
            data = replace.get(info.filename, good.read(info))
            bad.writestr(info.filename, data(good.read(info)) if callable(data) else data)
        for name, data in add.items():
            bad.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return copy


def refused(path: Path, settings) -> str:
    with pytest.raises(CommandError) as caught:
        call_command("import_stories", str(path), stdout=io.StringIO())
    message = str(caught.value)
    assert message.endswith("Nothing was imported."), message
    assert "Traceback" not in message
    # Nothing written: no row, no file.
    assert not Article.objects.exists() and not Picture.objects.exists()
    assert not Actor.objects.exists() and not Section.objects.exists()
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))
    return message


def test_the_good_bundle_imports(bundle):
    call_command("import_stories", str(bundle), stdout=io.StringIO())
    assert Article.objects.count() == 2 and Picture.objects.count() == 2


def test_a_missing_member_is_named(bundle, settings):
    message = refused(rewritten(bundle, drop=["actors.jsonl"]), settings)
    assert "actors.jsonl: missing from the bundle." in message


def test_a_line_that_is_not_json_is_named_with_its_member_and_number(bundle, settings):
    def broken(data: bytes) -> bytes:
        first, *rest = data.decode().splitlines()
        return "\n".join([first, '{"slug": "oops", ', *rest]).encode()

    message = refused(rewritten(bundle, replace={"topics.jsonl": broken}), settings)
    assert "topics.jsonl, line 2: not JSON" in message


def test_a_wrong_field_is_named(bundle, settings):
    def alien(data: bytes) -> bytes:
        records = [json.loads(line) for line in data.decode().splitlines()]
        records[-1]["kind"] = "alien"
        return "".join(json.dumps(record) + "\n" for record in records).encode()

    message = refused(rewritten(bundle, replace={"actors.jsonl": alien}), settings)
    assert "actors.jsonl, line 5, field kind: 'alien' is not one of" in message


def test_a_wrong_story_is_named_in_the_stories_member(bundle, settings):
    def bad_date(data: bytes) -> bytes:
        return data.replace(b'"publish_at":"', b'"publish_at":"tomorrow', 1)

    message = refused(rewritten(bundle, replace={"stories.jsonl": bad_date}), settings)
    assert "stories.jsonl, line 1, field publish_at:" in message


@pytest.mark.parametrize("name", ["../../x", "/etc/passwd", "pictures\\..\\x", "C:/x"])
def test_a_member_name_leaving_the_bundle_is_refused(bundle, settings, name):
    message = refused(rewritten(bundle, add={name: b"x"}), settings)
    assert "unsafe member name" in message and name in message


def test_a_zip_bomb_is_refused_before_it_is_unpacked(bundle, settings):
    bomb = b"\0" * (21 * 1024 * 1024)  # 20 kB compressed, over the pictures' 20 MB limit
    message = refused(rewritten(bundle, add={"pictures/bomb.jpg": bomb}), settings)
    assert "pictures/bomb.jpg: 22,020,096 bytes once uncompressed, over the limit" in message


def test_an_oversized_text_member_is_refused(bundle, settings, monkeypatch):
    monkeypatch.setattr(reading, "MAX_TEXT_MEMBER", 100)
    assert "over the limit of 100" in refused(bundle, settings)


def test_a_picture_file_that_is_not_an_image_is_refused_and_no_file_stays(bundle, settings):
    with zipfile.ZipFile(bundle) as good:
        last = json.loads(good.read("pictures.jsonl").decode().splitlines()[-1])
    message = refused(rewritten(bundle, replace={last["file"]: b"<html>not a picture"}), settings)
    assert f"{last['file']}: This file is not a JPEG, PNG or WebP image" in message


def test_a_file_that_only_starts_like_a_zip_is_refused(tmp_path, settings, db):
    path = tmp_path / "fake.zip"
    path.write_bytes(b"PK\x03\x04 and nothing of a ZIP")
    assert "not a readable ZIP file" in refused(path, settings)


def test_a_zip_that_is_not_a_bundle_is_refused(bundle, settings):
    manifest = json.dumps({"format": "something-else", "version": 1})
    message = refused(rewritten(bundle, replace={"manifest.json": manifest}), settings)
    assert "manifest.json, field format: not a newsroom bundle" in message


def test_a_bundle_from_a_later_version_is_refused(bundle, settings):
    manifest = json.dumps({"format": "newsroom-bundle", "version": 99})
    message = refused(rewritten(bundle, replace={"manifest.json": manifest}), settings)
    assert "version 99 is not one this newsroom reads" in message


def test_a_dry_run_reports_and_writes_nothing(bundle, settings):
    out = io.StringIO()
    call_command("import_stories", str(bundle), "--dry-run", stdout=out)
    assert "Dry run: nothing was written." in out.getvalue()
    assert "Stories would be created: 2" in out.getvalue()
    assert "Bundle pictures would be made: 2" in out.getvalue()
    assert not Article.objects.exists() and not Picture.objects.exists()
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))

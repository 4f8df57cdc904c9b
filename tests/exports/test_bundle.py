"""The newsroom bundle: what it holds, where its links point, and imports that duplicate nothing."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.urls import reverse

from actors.models import Actor, Alias, Relationship
from articles.models import Article, Section
from exports.bundle.restoring import bundle_import
from exports.bundle.writing import bundle_export
from pictures.models import Picture, Rendition
from tests.factories import ArticleFactory
from tests.pictures.images import image_bytes, make_picture

PAGE = reverse("exports:stories")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def illustrated(rich_story):
    """The rich story with a lead image, a picture in its body, and an actor's portrait."""
    lead = make_picture(seed=1, caption="Le dîner.", credit="Photo : AFP")
    figure = make_picture(seed=2, data=image_bytes(seed=2, fmt="PNG", width=500, height=300))
    portrait = make_picture(seed=3)
    rich_story.lead_image = lead
    rich_story.body += f"\n\n{figure.reference}\n"
    rich_story.save()
    Actor.objects.filter(slug="elon-musk").update(portrait=portrait, listed=True)
    return rich_story


def export(tmp_path, *args: str) -> zipfile.ZipFile:
    path = tmp_path / "bundle.zip"
    call_command(
        "export_stories", "--format", "bundle", "-o", str(path), *args, stderr=io.StringIO()
    )
    return zipfile.ZipFile(path)


def lines(bundle: zipfile.ZipFile, name: str) -> list[dict]:
    return [json.loads(line) for line in bundle.read(name).decode().splitlines()]


def test_the_bundle_holds_the_stories_records_and_everything_they_show(illustrated, tmp_path):
    bundle = export(tmp_path)
    manifest = json.loads(bundle.read("manifest.json"))
    assert manifest["format"] == "newsroom-bundle" and manifest["version"] == 1
    assert manifest["base_url"] == "https://news.example.org"
    assert manifest["counts"]["stories"] == 2 and manifest["counts"]["pictures"] == 3
    jsonl = io.StringIO()
    call_command("export_stories", "--format", "jsonl", stdout=jsonl, stderr=io.StringIO())
    assert bundle.read("stories.jsonl").decode() == jsonl.getvalue()  # one definition
    musk = next(a for a in lines(bundle, "actors.jsonl") if a["slug"] == "elon-musk")
    assert musk["wikidata_id"] == "Q317521" and musk["listed"]
    assert musk["aliases"] == [{"name": "Musk", "any_case": False}]
    assert musk["portrait"] == str(Actor.objects.get(slug="elon-musk").portrait.uuid)
    [rivalry] = lines(bundle, "relationships.jsonl")
    assert rivalry["kind"] == "rival-of" and rivalry["amount"] == "2900000000.00"
    assert rivalry["evidence"] == [str(illustrated.uuid)]
    assert {t["slug"] for t in lines(bundle, "topics.jsonl")} == {"espace", "milliardaires"}
    for picture in lines(bundle, "pictures.jsonl"):
        stored = Picture.objects.get(uuid=picture["uuid"])
        assert bundle.read(picture["file"]) == stored.file.read()
        assert len(picture["renditions"]) == stored.renditions.count() > 0
        for rendition in picture["renditions"]:
            assert bundle.read(rendition["file"])


def restart_picture_numbers():
    """As in a new database: the next picture would be number 1."""
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [Picture]):
            cursor.execute(statement)
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM sqlite_sequence WHERE name = 'pictures_picture'")


def test_an_import_into_an_empty_newsroom_restores_pictures_bylines_and_figures(
    illustrated, tmp_path, settings
):
    path = tmp_path / "bundle.zip"
    export(tmp_path)
    page = illustrated.body_html
    Article.objects.all().delete()
    Relationship.objects.all().delete()
    Actor.objects.all().delete()
    Picture.objects.all().delete()
    Section.objects.all().delete()
    restart_picture_numbers()
    settings.MEDIA_ROOT = str(tmp_path / "empty")

    out = io.StringIO()
    call_command("import_stories", str(path), stdout=out)

    story = Article.objects.get(uuid=illustrated.uuid)
    assert "is not in the library" not in out.getvalue()
    assert story.lead_image.caption == "Le dîner."
    assert story.body_html == page  # the figure, its caption and its renditions' URLs
    assert Rendition.objects.filter(picture=story.lead_image).count() > 1
    assert Actor.objects.get(slug="elon-musk").portrait is not None
    assert story.section.name == "Espace"
    assert story.corrections.get().text == "Le dîner a eu lieu mercredi, pas jeudi."
    # Each picture has its number again (bodies read the same); uploads come after them.
    highest = max(Picture.objects.values_list("pk", flat=True))
    assert make_picture(seed=9).pk > highest


def test_importing_twice_or_over_the_same_newsroom_duplicates_nothing(illustrated, tmp_path):
    path = tmp_path / "bundle.zip"
    export(tmp_path)
    counts = [m.objects.count() for m in (Article, Actor, Alias, Relationship, Picture, Section)]
    for _ in range(2):
        with path.open("rb") as file:
            report = bundle_import(file=file)
        assert report.restored["pictures"] == 0 and report.restored["actors"] == 0
    assert [
        m.objects.count() for m in (Article, Actor, Alias, Relationship, Picture, Section)
    ] == counts


def test_an_actor_already_here_is_found_by_its_wikidata_id(illustrated, tmp_path):
    path = tmp_path / "bundle.zip"
    export(tmp_path)
    Article.objects.all().delete()
    Relationship.objects.all().delete()
    Actor.objects.filter(slug="elon-musk").update(slug="musk")  # renamed here
    with path.open("rb") as file:
        bundle_import(file=file)
    assert not Actor.objects.filter(slug="elon-musk").exists()
    assert Article.objects.get(uuid=illustrated.uuid).actors.filter(slug="musk").exists()


def test_the_command_writes_links_to_newsroom_base_url(rich_story, tmp_path, settings):
    settings.NEWSROOM_BASE_URL = "https://x.example"
    bundle = export(tmp_path)
    assert json.loads(bundle.read("manifest.json"))["base_url"] == "https://x.example"
    record = lines(bundle, "stories.jsonl")[0]
    assert record["url"].startswith("https://x.example/articles/")


def test_the_staff_page_offers_the_bundle_and_streams_it(client, export_staff, illustrated):
    client.force_login(export_staff)
    assert b'value="bundle"' in client.get(PAGE).content
    response = client.get(PAGE, {"format": "bundle"})
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].endswith('.zip"')
    bundle = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert len(lines(bundle, "pictures.jsonl")) == 3
    assert bundle.testzip() is None


@pytest.mark.parametrize("fmt", ["bundle", "jsonl", "csv", "ninjs"])
def test_staff_page_exports_link_to_the_host_it_was_reached_at(
    client, export_staff, rich_story, settings, fmt
):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "news.example"]
    client.force_login(export_staff)
    response = client.get(PAGE, {"format": fmt}, HTTP_HOST="news.example:8123")
    data = b"".join(response.streaming_content)
    if fmt == "bundle":
        data = zipfile.ZipFile(io.BytesIO(data)).read("stories.jsonl")
    text = data.decode("utf-8-sig")
    assert "http://news.example:8123/articles/musk-bezos-diner/" in text
    assert "news.example.org" not in text


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_staff_without_the_export_permission_cannot_download_a_bundle(db, client, role, request):
    ArticleFactory()
    client.force_login(request.getfixturevalue(role))
    assert client.get(PAGE, {"format": "bundle"}).status_code == 403


def test_a_bundle_needs_a_file_to_go_to(rich_story):
    with pytest.raises(Exception, match="--output"):
        call_command("export_stories", "--format", "bundle", stderr=io.StringIO())


def test_a_bundle_written_to_any_binary_file(rich_story):
    out = io.BytesIO()
    assert bundle_export(queryset=Article.objects.published(), out=out) == 2
    assert "stories.jsonl" in zipfile.ZipFile(out).namelist()


def test_contributors_move_with_their_portraits_and_byline_order(rich_story, tmp_path, settings):
    from articles.models import Byline
    from contributors.models import Contributor

    rich_story.bylines.all().delete()
    afp = Contributor.objects.create(name="AFP", slug="afp", role=Contributor.Role.AGENCY)
    lea = Contributor.objects.create(
        name="Léa Martin",
        slug="lea-martin",
        role=Contributor.Role.PHOTOGRAPHER,
        bio="Photographe indépendante.",
        portrait=make_picture(seed=4),
    )
    Byline.objects.create(article=rich_story, contributor=lea, position=0)
    Byline.objects.create(article=rich_story, contributor=afp, position=1)
    path = tmp_path / "bundle.zip"
    export(tmp_path)
    for model in (Article, Relationship, Actor, Contributor, Picture, Section):
        model.objects.all().delete()
    settings.MEDIA_ROOT = str(tmp_path / "empty")

    call_command("import_stories", str(path), stdout=io.StringIO())

    story = Article.objects.get(uuid=rich_story.uuid)
    assert [b.contributor.slug for b in story.bylines.order_by("position")] == [
        "lea-martin",
        "afp",
    ]
    lea = Contributor.objects.get(slug="lea-martin")
    assert (lea.role, lea.bio, lea.user) == ("photographer", "Photographe indépendante.", None)
    assert lea.portrait.renditions.exists()
    assert Path(lea.portrait.file.path).read_bytes()


def test_old_urls_of_stories_and_contributors_still_lead_to_them_after_a_move(
    rich_story, tmp_path, settings, client
):
    from articles.models import ArticleOldSlug, Byline
    from contributors.models import Contributor, ContributorRedirect

    rich_story.bylines.all().delete()
    lea = Contributor.objects.create(name="Léa Martin", slug="lea-martin")
    Byline.objects.create(article=rich_story, contributor=lea, position=0)
    ArticleOldSlug.objects.create(article=rich_story, slug="premier-titre")
    ContributorRedirect.objects.create(contributor=lea, old_slug="lea-dupont")
    path = tmp_path / "bundle.zip"
    export(tmp_path)
    for model in (Article, Relationship, Actor, Contributor, Picture, Section):
        model.objects.all().delete()
    assert not ArticleOldSlug.objects.exists() and not ContributorRedirect.objects.exists()
    settings.MEDIA_ROOT = str(tmp_path / "empty")

    call_command("import_stories", str(path), stdout=io.StringIO())

    story = client.get("/articles/premier-titre/")
    assert (story.status_code, story["Location"]) == (301, rich_story.get_absolute_url())
    author = client.get("/contributors/lea-dupont/")
    assert (author.status_code, author["Location"]) == (301, "/contributors/lea-martin/")
    with path.open("rb") as file:  # a second import adds no second redirect
        assert bundle_import(file=file).restored["story_slugs"] == 0

"""The demo newsroom, moved by a bundle into an empty one, shows readers the same pages.

Every public page is found by following links from the home page, the sitemaps and the feeds
(new kinds of pages are picked up without changing this test), rendered, then rendered again
after export, an emptied database and media folder, and import; byte for byte.
"""

import difflib
import io
import re
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from actors.models import Actor
from articles.models import Article, Section
from exports.services import stories_export
from pictures.models import Picture
from tests.factories import ActorFactory, ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

BASE = "https://news.example.org"
SKIPPED = ("/admin/", "/staff/", "/preview/", "/i18n/", "/static/", "/media/", "/health")
LINK = re.compile(r"""(?:href|src)=["']([^"']+)["']|<(?:loc|link|id)>([^<]+)</""")
MAX_PAGES = 3000
# Searches readers make (no page links to a search: the form makes them).
SEARCHES = ["/search/?q=Musk", "/search/?q=Bezos+Blue+Origin", "/search/?q=fus%C3%A9e"]


@pytest.fixture(autouse=True)
def newsroom(settings, tmp_path):
    settings.NEWSROOM_BASE_URL = BASE
    settings.MEDIA_ROOT = str(tmp_path / "before")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()
    # The flush made content types again under other ids, in a transaction now rolled back:
    # the process-wide cache must not hand those ids to the tests that follow.
    ContentType.objects.clear_cache()


def _local(url: str, page: str) -> str | None:
    url = unescape(url.strip())
    if url.startswith(BASE):
        url = url[len(BASE) :] or "/"
    url = urljoin(page, url)
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if parts.path.startswith(SKIPPED):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client) -> dict[str, tuple[int, bytes]]:
    """Every page reachable from the home page, the sitemap and the feeds."""
    pages: dict[str, tuple[int, bytes]] = {}
    pending = ["/", "/sitemap.xml", "/feeds/rss/", "/feeds/atom/", *SEARCHES]
    while pending:
        url = pending.pop()
        if url in pages:
            continue
        assert len(pages) < MAX_PAGES, "the crawl does not end"
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        pages[url] = (response.status_code, body)
        if response.status_code != 200 or not _is_text(response):
            continue
        for match in LINK.finditer(body.decode("utf-8")):
            found = _local(match.group(1) or match.group(2), url)
            if found and found not in pages:
                pending.append(found)
    return pages


def _is_text(response) -> bool:
    kind = response.get("Content-Type", "")
    return any(word in kind for word in ("html", "xml", "json"))


def media_files(root: str) -> dict[str, bytes]:
    base = Path(root)
    return {
        str(path.relative_to(base)): path.read_bytes() for path in base.rglob("*") if path.is_file()
    }


def jsonl() -> str:
    out = io.StringIO()
    stories_export(queryset=Article.objects.published(), fmt="jsonl", out=out)
    return out.getvalue()


def by_stable_id(text: str) -> str:
    """The export with each [[picture:N]] of a body spelled with the picture's stable id."""
    numbers = {str(pk): str(uuid) for pk, uuid in Picture.objects.values_list("pk", "uuid")}
    return re.sub(r"\[\[picture:(\d+)\]\]", lambda m: f"[[picture:{numbers[m[1]]}]]", text)


def first_difference(before: dict, after: dict) -> str:
    missing = sorted(set(before) - set(after))
    if missing:
        return f"pages found before only: {missing[:10]}"
    extra = sorted(set(after) - set(before))
    if extra:
        return f"pages found after only: {extra[:10]}"
    for url in sorted(before):
        if before[url] != after[url]:
            (status_a, a), (status_b, b) = before[url], after[url]
            diff = difflib.unified_diff(
                a.decode("utf-8", "replace").splitlines(),
                b.decode("utf-8", "replace").splitlines(),
                "before",
                "after",
                lineterm="",
                n=1,
            )
            return f"{url} ({status_a} -> {status_b}):\n" + "\n".join(list(diff)[:40])
    return ""


def empty_the_database() -> None:
    """manage.py flush, inside the test's transaction."""
    if connection.vendor == "postgresql":
        # PostgreSQL truncates no table with foreign-key checks still pending in the transaction.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def used_ids(numbers: list[int]) -> None:
    """Ids taken: rows made and deleted, and other pictures under the bundle's numbers."""
    for factory in (ArticleFactory, ActorFactory, SectionFactory):
        for _ in range(3):
            factory()
    for model in (Article, Actor, Section):
        model.objects.all().delete()
    Picture.objects.bulk_create(
        Picture(pk=n, alt_text="x", width=1, height=1, content_hash=f"{n:064x}") for n in numbers
    )


@pytest.mark.parametrize("ids", ["fresh", "used"])
def test_a_bundle_moves_the_demo_newsroom_page_for_page(client, settings, tmp_path, ids):
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=io.StringIO())
    assert Picture.objects.exists()
    pages = crawl(client)
    assert len(pages) > 30
    kinds = {url.split("/")[1] for url in pages}
    assert {"articles", "actors", "contributors", "sections", "tags", "search"} <= kinds
    files = media_files(settings.MEDIA_ROOT)
    jsonl_before = jsonl()
    exported = by_stable_id(jsonl_before)
    bundle = tmp_path / "demo.zip"
    call_command("export_stories", "--format", "bundle", "-o", str(bundle), stderr=io.StringIO())

    numbers = list(Picture.objects.values_list("pk", flat=True))
    empty_the_database()
    assert not Article.objects.exists() and not Picture.objects.exists()
    if ids == "used":
        used_ids(numbers)
    settings.MEDIA_ROOT = str(tmp_path / "after")
    cache.clear()
    out = io.StringIO()
    call_command("import_stories", str(bundle), stdout=out)

    again = crawl(client)
    if pages != again:
        pytest.fail(first_difference(pages, again))
    assert media_files(settings.MEDIA_ROOT) == files
    # Bodies show pictures by their number in the library: an empty newsroom gives each its
    # number again; one holding other pictures under those numbers gives them new ones
    # (the same pictures, by stable id, and the pages match).
    again_exported = jsonl()
    assert by_stable_id(again_exported) == exported
    if ids == "fresh":
        assert again_exported == jsonl_before
    else:
        assert again_exported != jsonl_before  # other numbers, mapped

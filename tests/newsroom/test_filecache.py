"""The page cache in files: a write does not list the whole cache, and the cache stays bounded."""

from pathlib import Path

from newsroom.filecache import PageFileCache


def cache(tmp_path, **options) -> PageFileCache:
    return PageFileCache(str(tmp_path), {"OPTIONS": options})


def test_a_write_lists_the_cache_only_now_and_then(tmp_path, monkeypatch):
    pages = cache(tmp_path, MAX_ENTRIES=1000)
    listings = []
    listed = PageFileCache._list_cache_files
    monkeypatch.setattr(
        PageFileCache, "_list_cache_files", lambda self: listings.append(1) or listed(self)
    )
    for n in range(300):
        pages.set(f"page-{n}", "<html>")
    # Django's FileBasedCache lists every file on every write: 300 listings here.
    assert len(listings) <= 3
    assert pages.get("page-299") == "<html>"


def test_the_cache_stays_within_its_bound(tmp_path):
    pages = cache(tmp_path, MAX_ENTRIES=50, CULL_EVERY=10, CULL_FREQUENCY=2)
    for n in range(500):
        pages.set(f"page-{n}", "<html>")
    files = list(Path(tmp_path).glob("*.djcache"))
    assert len(files) <= 50 + 10
    assert pages.get("page-499") == "<html>"

"""The page cache's process-local tier: served without a round trip, never after a change."""

import shutil
import subprocess
import sys
import time

import pytest
from django.test import override_settings

from common.sequence import ChangeSequence
from newsroom import localpages
from newsroom.localpages import LocalPages


def stored(content=b"<p>page</p>", expires=None):
    # The page cache's stored tuple: (versions, expires, status, headers, content).
    return ({}, expires or time.time() + 600, 200, [], content)


@pytest.fixture
def sequence(tmp_path):
    return ChangeSequence(str(tmp_path / "pages.seq"))


def test_a_page_is_served_from_memory_until_anything_changes(sequence):
    local = LocalPages(sequence, max_entries=10, max_bytes=1 << 20)
    checked = sequence.value()
    local.put("home", checked, stored())
    assert local.get("home", time.time())[-1] == b"<p>page</p>"
    sequence.advance()
    assert local.get("home", time.time()) is None


def test_a_change_committed_while_the_page_was_checked_leaves_it_behind(sequence):
    local = LocalPages(sequence, max_entries=10, max_bytes=1 << 20)
    checked = sequence.value()  # read before asking the shared cache
    sequence.advance()  # an edit commits meanwhile
    local.put("home", checked, stored())
    assert local.get("home", time.time()) is None


def test_a_page_is_not_served_past_its_expiry(sequence):
    # Scheduled publication: the shared tier set the expiry at the next scheduled story.
    local = LocalPages(sequence, max_entries=10, max_bytes=1 << 20)
    local.put("home", sequence.value(), stored(expires=time.time() + 0.05))
    assert local.get("home", time.time()) is not None
    assert local.get("home", time.time() + 0.1) is None


def test_memory_is_bounded_by_count_and_by_size_oldest_first(sequence):
    local = LocalPages(sequence, max_entries=3, max_bytes=1000)
    seq = sequence.value()
    for name in "abcd":
        local.put(name, seq, stored(b"x" * 100))
    now = time.time()
    assert local.get("a", now) is None
    assert all(local.get(name, now) for name in "bcd")
    local.put("big", seq, stored(b"y" * 120))  # 120 <= 1000 // 8: kept
    local.put("huge", seq, stored(b"z" * 200))  # bigger than an eighth of the budget
    assert local.get("huge", now) is None
    assert local.get("big", now) is not None


def test_every_process_of_the_machine_sees_a_change_made_by_another(tmp_path, sequence):
    path = tmp_path / "pages.seq"
    before = sequence.value()
    subprocess.run(  # noqa: S603 - our own module, fixed arguments
        [
            sys.executable,
            "-c",
            "import sys; from common.sequence import ChangeSequence; "
            "ChangeSequence(sys.argv[1]).advance()",
            str(path),
        ],
        check=True,
    )
    assert sequence.value() != before


def test_a_new_sequence_file_starts_at_a_value_no_page_was_checked_under(tmp_path):
    assert ChangeSequence(str(tmp_path / "new.seq")).value() != bytes(8)


# Several machines sharing Redis ------------------------------------------------------------


def redis_pages(url):
    return {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "newsroom.cache.ResilientRedisCache", "LOCATION": url},
        "throttle": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }


def wait_for(condition, seconds=5.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


@pytest.fixture
def redis_server(tmp_path):
    """A Redis of the test's own on a free port (the machine's own is left alone)."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (Debian package redis-server)")
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [server, "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        cwd=tmp_path,
    )
    url = f"redis://127.0.0.1:{port}/0"
    import redis

    assert wait_for(lambda: _pings(redis.Redis.from_url(url)))
    yield url, process
    process.kill()
    process.wait()


def _pings(client):
    try:
        return client.ping()
    except Exception:
        return False


def test_another_machine_hears_of_a_change_through_redis_and_serves_nothing_while_deaf(
    tmp_path, redis_server
):
    url, process = redis_server
    with override_settings(CACHES=redis_pages(url), NEWSROOM_PAGE_CACHE_LOCAL_ENTRIES=100):
        # "Another machine": its own sequence file, its own listener.
        other = LocalPages(ChangeSequence(str(tmp_path / "other.seq")), 100, 1 << 20)
        other.listening = False
        localpages._start_listener(other)
        assert wait_for(lambda: other.listening)
        other.put("home", other.sequence.value(), stored())
        assert other.get("home", time.time()) is not None

        localpages.reset()
        try:
            with override_settings(NEWSROOM_PAGE_CACHE_SEQUENCE=str(tmp_path / "this.seq")):
                mine = localpages.tier()
                assert wait_for(lambda: mine.listening)
                localpages.changed()
            assert wait_for(lambda: other.get("home", time.time()) is None)

            # Redis goes away: a machine that cannot hear of changes serves nothing locally.
            other.put("home", other.sequence.value(), stored())
            process.kill()
            process.wait()
            assert wait_for(lambda: not other.listening, seconds=10)
            assert other.get("home", time.time()) is None
        finally:
            other.closed = True
            localpages.reset()


def test_a_process_without_local_copies_still_tells_the_machines_servers(tmp_path, settings):
    # An import command or a worker keeps no local tier, but the servers beside it do.
    path = str(tmp_path / "servers.seq")
    settings.NEWSROOM_PAGE_CACHE = True
    settings.NEWSROOM_PAGE_CACHE_LOCAL_ENTRIES = 0
    settings.NEWSROOM_PAGE_CACHE_SEQUENCE = path
    servers = ChangeSequence(path)
    before = servers.value()
    localpages.reset()
    localpages.changed()
    assert servers.value() != before

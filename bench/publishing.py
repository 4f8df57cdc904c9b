"""Readers while the desk publishes: the load test's readers, with real saves going on.

For each page cache (files, Redis) one gunicorn serves, in turn: the story page's HTML as a
static file under the readers' own wrk settings (the same-run baseline), a warm-up of the
readers' pages, then the readers (the load test's Zipf mix of public pages) while
``bench.desk`` saves a live story every 5 s, and, as a second run, while it saves 20 in 10 s.
Every save changes what readers see, so each one costs the page cache what the site's
invalidation makes it cost; wrk counts the X-Page-Cache answers to show how much.
"""

import json
import shutil
import subprocess
import time

from bench.config import PYTHON, ROOT, Scale, django_env, flush_page_cache, page_caches
from bench.http import Gunicorn, wrk

EVERY_SECONDS = 5
BURST_SAVES = 20
BURST_SECONDS = 10
# Time for the desk process to load Django before its first save is due.
DESK_START_SECONDS = 4


def measure(scale: Scale, prepared: dict, log) -> dict:
    if shutil.which("wrk") is None:
        return {"status": "n/a", "note": "wrk is not installed (make bench installs it)"}
    caches = {name: _measure_with(scale, prepared, log, name) for name in page_caches()}
    if "redis" not in caches:
        caches["redis"] = {"status": "n/a", "note": "no Redis answers at BENCH_REDIS_URL"}
    return {"caches": caches}


def _measure_with(scale: Scale, prepared: dict, log, page_cache: str) -> dict:
    steady = max(EVERY_SECONDS * 2, scale.load_seconds - BURST_SECONDS)
    readers = {"threads": 2, "connections": scale.load_connections}
    flush_page_cache()
    server = Gunicorn(scale, page_cache)
    desk = None
    try:
        static = wrk(server.base, prepared["static_path"], scale.wrk_seconds, **readers)
        wrk(server.base, "/", scale.wrk_seconds, prepared["mixed_file"], **readers)  # warm
        start = time.time() + DESK_START_SECONDS
        desk = subprocess.Popen(  # noqa: S603 - our own module with fixed arguments
            [PYTHON, "-m", "bench.desk", f"{start:.3f}", str(steady), str(EVERY_SECONDS),
             str(BURST_SAVES), str(BURST_SECONDS)],
            cwd=ROOT,
            env=django_env(scale, page_cache),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        time.sleep(max(0.0, start - time.time()))
        log(f"  {page_cache}: readers for {steady} s, a save every {EVERY_SECONDS} s")
        publishing = wrk(server.base, "/", steady, prepared["mixed_file"], **readers)
        log(f"  {page_cache}: readers for {BURST_SECONDS} s, {BURST_SAVES} saves")
        burst = wrk(server.base, "/", BURST_SECONDS, prepared["mixed_file"], **readers)
        out, err = desk.communicate(timeout=120)
        if desk.returncode != 0:
            raise RuntimeError((err.strip().splitlines() or ["bench.desk failed"])[-1])
        saves = json.loads(out.strip().splitlines()[-1])
    finally:
        if desk is not None and desk.poll() is None:
            desk.kill()
            desk.wait()
        server.stop()
    return {
        "static": static,
        "publishing": {**publishing, "seconds": steady, "every_seconds": EVERY_SECONDS},
        "burst": {**burst, "seconds": BURST_SECONDS, "saves_planned": BURST_SAVES},
        "desk": saves,
        "connections": scale.load_connections,
    }

"""The story page under gunicorn, measured with wrk against the same HTML as a static file.

One gunicorn (gunicorn.conf.py, production settings) serves three things in turn: the story
page's HTML saved under STATIC_ROOT and served by whitenoise (the practical upper limit, the
baseline), the story page requested again and again (what a page cache can serve: "cached"),
and the story pages of thousands of different stories in turn ("uncached"). Rounds alternate
the three so that noise from other work on the machine spreads over all of them.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request

from bench.config import (
    BENCH_DIR,
    ROOT,
    Scale,
    default_page_cache,
    django_env,
    flush_page_cache,
    page_caches,
)
from bench.stats import median

WRK_SCRIPT = """
local paths = nil
local index = 0
local threads = {}
-- Page-cache answers, counted in each thread's state and summed in done().
hits = 0
misses = 0
stale = 0
setup = function(thread)
  threads[#threads + 1] = thread
end
init = function(args)
  local file = os.getenv("BENCH_PATHS")
  if file ~= nil and file ~= "" then
    paths = {}
    for line in io.lines(file) do paths[#paths + 1] = line end
    index = math.random(#paths)
  end
end
request = function()
  if paths == nil then return wrk.request() end
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end
response = function(status, headers, body)
  local state = headers["X-Page-Cache"] or headers["x-page-cache"]
  if state == "hit" then hits = hits + 1 elseif state == "miss" then misses = misses + 1
  elseif state == "stale" then stale = stale + 1 end
end
done = function(summary, latency, requests)
  local e = summary.errors
  local cache_hits, cache_misses, cache_stale = 0, 0, 0
  for _, thread in ipairs(threads) do
    cache_hits = cache_hits + thread:get("hits")
    cache_misses = cache_misses + thread:get("misses")
    cache_stale = cache_stale + thread:get("stale")
  end
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, '
    .. '"socket_errors": %d, "status_errors": %d, "connect": %d, "read": %d, "write": %d, '
    .. '"timeout": %d, "max_us": %d, "cache_hits": %d, "cache_misses": %d, '
    .. '"cache_stale": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect + e.read + e.write + e.timeout, e.status,
    e.connect, e.read, e.write, e.timeout, latency.max, cache_hits, cache_misses, cache_stale))
end
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    def __init__(self, scale: Scale, page_cache: str = ""):
        self.port = _free_port()
        self.log = open(BENCH_DIR / "gunicorn.log", "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603 - our own gunicorn and config
            [shutil.which("gunicorn", path=str(ROOT / ".venv" / "bin")) or "gunicorn",
             "-c", str(ROOT / "gunicorn.conf.py"), "newsroom.wsgi"],
            cwd=ROOT,
            env=django_env(scale, page_cache, PORT=str(self.port)),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        self.base = f"http://127.0.0.1:{self.port}"
        self._wait()

    def _wait(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log.name}")
            try:
                with urllib.request.urlopen(f"{self.base}/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer /healthz within a minute")

    def fetch(self, path: str) -> tuple[int, bytes]:
        with urllib.request.urlopen(f"{self.base}{path}", timeout=30) as response:  # noqa: S310
            return response.status, response.read()

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


def wrk(
    base: str,
    path: str,
    seconds: int,
    paths_file: str = "",
    *,
    threads: int = 1,
    connections: int = 16,
) -> dict:
    script = BENCH_DIR / "wrk.lua"
    script.write_text(WRK_SCRIPT)
    # One wrk thread is plenty on loopback and leaves the cores to the server.
    result = subprocess.run(  # noqa: S603 - wrk with fixed arguments
        [
            shutil.which("wrk") or "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            f"{base}{path}",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "BENCH_PATHS": paths_file},
        check=True,
    )
    return parse_wrk(result.stdout)


def parse_wrk(output: str) -> dict:
    """The figures our script's done() prints, with throughput and the page-cache hit ratio
    (of the answers that went through the page cache, a previous copy given while the page
    was rendered again counting as a hit; None when none did)."""
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    data = json.loads(line[len("BENCH ") :])
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    served = data.get("cache_hits", 0) + data.get("cache_stale", 0)
    counted = served + data.get("cache_misses", 0)
    data["hit_ratio"] = served / counted if counted else None
    data["stale_ratio"] = data.get("cache_stale", 0) / counted if counted else None
    return data


def measure(scale: Scale, prepared: dict, log) -> dict:
    """For each page cache (files, Redis), in its own server: median over rounds of the
    static, cached and uncached runs."""
    if shutil.which("wrk") is None:
        return {"status": "n/a", "note": "wrk is not installed (make bench installs it)"}
    caches = {name: _measure_with(scale, prepared, log, name) for name in page_caches()}
    if "redis" not in caches:
        caches["redis"] = {"status": "n/a", "note": "no Redis answers at BENCH_REDIS_URL"}
    return {
        "caches": caches,
        "server": {"workers": os.environ.get("WEB_CONCURRENCY", "CPUs + 1")},
    }


def _measure_with(scale: Scale, prepared: dict, log, page_cache: str) -> dict:
    flush_page_cache()
    server = Gunicorn(scale, page_cache)
    try:
        status, body = server.fetch(prepared["static_path"])
        if status != 200 or len(body) != prepared["story_bytes"]:
            raise RuntimeError("whitenoise does not serve the saved story page")
        runs = {
            "static": (prepared["static_path"], ""),
            "cached": (prepared["story_path"], ""),
            "uncached": (prepared["story_path"], prepared["rotation_file"]),
        }
        for path, paths_file in runs.values():  # warm the workers, connections and caches
            wrk(server.base, path, 2, paths_file)
        results = {name: [] for name in runs}
        for number in range(scale.rounds):
            for name, (path, paths_file) in runs.items():
                if name == "uncached":  # every story page of the round is rendered anew
                    flush_page_cache()
                results[name].append(wrk(server.base, path, scale.wrk_seconds, paths_file))
                log(
                    f"  {page_cache}, round {number + 1}: {name} "
                    f"{results[name][-1]['rps']:.0f} requests/s"
                )
    finally:
        server.stop()
    return {name: summarise(rounds) for name, rounds in results.items()}


def summarise(rounds: list[dict]) -> dict:
    """Medians over rounds of wrk runs; errors and page-cache answers summed."""
    hits = sum(run.get("cache_hits", 0) for run in rounds)
    counted = hits + sum(run.get("cache_misses", 0) for run in rounds)
    return {
        "rps": median([run["rps"] for run in rounds]),
        "p50_ms": median([run["p50_us"] for run in rounds]) / 1000,
        "p95_ms": median([run["p95_us"] for run in rounds]) / 1000,
        "p99_ms": median([run["p99_us"] for run in rounds]) / 1000,
        "errors": sum(run["socket_errors"] + run["status_errors"] for run in rounds),
        "hit_ratio": hits / counted if counted else None,
        "rounds": [round(run["rps"]) for run in rounds],
    }


def load(scale: Scale, prepared: dict, log) -> dict:
    """The load test: mixed public pages, many connections, a minute, from a cold cache.

    Every answer must be a 2xx or 3xx and no connection may fail: wrk counts both.
    """
    if shutil.which("wrk") is None:
        return {"status": "n/a", "note": "wrk is not installed (make bench installs it)"}
    flush_page_cache()
    server = Gunicorn(scale)
    try:
        log(
            f"  load: {scale.load_connections} connections for {scale.load_seconds} s over "
            f"{prepared['mixed_size']:,} public URLs"
        )
        run = wrk(
            server.base,
            "/",
            scale.load_seconds,
            prepared["mixed_file"],
            threads=2,
            connections=scale.load_connections,
        )
    finally:
        server.stop()
    return {
        "rps": run["rps"],
        "requests": run["requests"],
        "p50_ms": run["p50_us"] / 1000,
        "p95_ms": run["p95_us"] / 1000,
        "p99_ms": run["p99_us"] / 1000,
        "socket_errors": run["socket_errors"],
        "socket_error_kinds": {kind: run[kind] for kind in ("connect", "read", "write", "timeout")},
        "max_ms": run["max_us"] / 1000,
        "status_errors": run["status_errors"],
        "connections": scale.load_connections,
        "seconds": scale.load_seconds,
        "urls": prepared["mixed_size"],
        "server_errors_logged": _server_errors(),
        "page_cache": default_page_cache(),
        "hit_ratio": run["hit_ratio"],
    }


def _server_errors() -> int:
    """Tracebacks gunicorn logged (a 500 that wrk could not tell from a slow answer)."""
    try:
        return (BENCH_DIR / "gunicorn.log").read_text().count("Traceback")
    except OSError:
        return 0

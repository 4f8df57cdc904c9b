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
    bench_redis_url,
    django_env,
    flush_page_cache,
)
from bench.stats import median

WRK_SCRIPT = """
local paths = nil
local index = 0
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
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, '
    .. '"socket_errors": %d, "status_errors": %d, "connect": %d, "read": %d, "write": %d, '
    .. '"timeout": %d, "max_us": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect + e.read + e.write + e.timeout, e.status,
    e.connect, e.read, e.write, e.timeout, latency.max))
end
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    def __init__(self, scale: Scale):
        self.port = _free_port()
        self.log = open(BENCH_DIR / "gunicorn.log", "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603 - our own gunicorn and config
            [shutil.which("gunicorn", path=str(ROOT / ".venv" / "bin")) or "gunicorn",
             "-c", str(ROOT / "gunicorn.conf.py"), "newsroom.wsgi"],
            cwd=ROOT,
            env=django_env(scale, PORT=str(self.port)),
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
    line = next(line for line in result.stdout.splitlines() if line.startswith("BENCH "))
    data = json.loads(line[len("BENCH ") :])
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    return data


def measure(scale: Scale, prepared: dict, log) -> dict:
    """Median over rounds of throughput and latency for the static, cached, uncached runs."""
    if shutil.which("wrk") is None:
        return {"status": "n/a", "note": "wrk is not installed (make bench installs it)"}
    flush_page_cache()
    server = Gunicorn(scale)
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
                log(f"  round {number + 1}: {name} {results[name][-1]['rps']:.0f} requests/s")
    finally:
        server.stop()
    summary = {}
    for name, rounds in results.items():
        summary[name] = {
            "rps": median([run["rps"] for run in rounds]),
            "p50_ms": median([run["p50_us"] for run in rounds]) / 1000,
            "p95_ms": median([run["p95_us"] for run in rounds]) / 1000,
            "p99_ms": median([run["p99_us"] for run in rounds]) / 1000,
            "errors": sum(run["socket_errors"] + run["status_errors"] for run in rounds),
            "rounds": [round(run["rps"]) for run in rounds],
        }
    summary["server"] = {
        "workers": os.environ.get("WEB_CONCURRENCY", "CPUs + 1"),
        "page_cache": "redis" if bench_redis_url() else "files",
    }
    return summary


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
    }


def _server_errors() -> int:
    """Tracebacks gunicorn logged (a 500 that wrk could not tell from a slow answer)."""
    try:
        return (BENCH_DIR / "gunicorn.log").read_text().count("Traceback")
    except OSError:
        return 0

"""What a benchmark run measures on, and the environment its processes get."""

import json
import os
import platform
import secrets
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / ".bench"
PYTHON = sys.executable
LARGE_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/newsroom_bench"


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").replace("_", "")
    return int(value) if value else default


@dataclass(frozen=True)
class Scale:
    name: str
    stories: int
    actors: int
    database_url: str
    requests: int  # timed requests per page, in process
    wrk_seconds: int
    rounds: int
    load_seconds: int = 60
    load_connections: int = 64
    seed: int = 0

    @property
    def vendor(self) -> str:
        return "postgresql" if self.database_url.startswith(("postgres", "pgsql")) else "sqlite"

    def as_dict(self) -> dict:
        return {**asdict(self), "vendor": self.vendor}


def scale_from_env(name: str) -> Scale:
    """The default scale runs on SQLite; SCALE=large on PostgreSQL (BENCH_* override)."""
    if name == "large":
        stories = env_int("BENCH_STORIES", 1_000_000)
        actors = env_int("BENCH_ACTORS", max(1, stories // 10))
        url = os.environ.get("BENCH_DATABASE_URL") or LARGE_DATABASE_URL
    elif name == "default":
        stories = env_int("BENCH_STORIES", 100_000)
        # Two aliases per actor: 50,000 actors give the 100,000 aliases suggestions are timed on.
        actors = env_int("BENCH_ACTORS", max(1, stories // 2))
        url = (
            os.environ.get("BENCH_DATABASE_URL")
            or f"sqlite:///{BENCH_DIR / 'newsroom-bench.sqlite3'}"
        )
    else:
        raise SystemExit(f"Unknown SCALE {name!r}: use 'default' or 'large'.")
    return Scale(
        name=name,
        stories=stories,
        actors=actors,
        database_url=url,
        requests=env_int("BENCH_REQUESTS", 60),
        wrk_seconds=env_int("BENCH_WRK_SECONDS", 10),
        rounds=env_int("BENCH_ROUNDS", 3),
        load_seconds=env_int("BENCH_LOAD_SECONDS", 60),
        load_connections=env_int("BENCH_LOAD_CONNECTIONS", 64),
    )


_SECRET = secrets.token_urlsafe(50)


def django_env(scale: Scale, page_cache: str = "", **extra: str) -> dict[str, str]:
    """Production settings (DEBUG off) on the bench database, for every child process.

    ``page_cache`` chooses production's page cache: "redis" or "files"; left empty, Redis
    when one answers (see bench_redis_url), else files.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_")) and key != "REDIS_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=_SECRET,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        # Loopback has no TLS; production keeps the redirect on.
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_LOG_LEVEL="ERROR",
        DATABASE_URL=scale.database_url,
        PYTHONPATH=str(ROOT),
        # The servers' process-local page tier checks its copies against this sequence:
        # flush_page_cache() moves it on, as a committed change does.
        NEWSROOM_PAGE_CACHE_SEQUENCE=str(PAGE_SEQUENCE),
    )
    redis_url = bench_redis_url() if page_cache in ("", "redis") else None
    if page_cache == "redis" and not redis_url:
        raise RuntimeError("no Redis answers at BENCH_REDIS_URL")
    if redis_url:
        env["REDIS_URL"] = redis_url
    else:  # production's fallback: a file cache shared by the server's processes
        env["NEWSROOM_PAGE_CACHE_DIR"] = str(PAGE_CACHE_DIR)
    env.update(extra)
    return env


# The page cache, as production runs it: the local Redis (a database of its own, which the
# bench empties) when one answers, else files (BENCH_REDIS_URL=none forces that).
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/14"
PAGE_CACHE_DIR = BENCH_DIR / "page-cache"
PAGE_SEQUENCE = BENCH_DIR / "page-cache.seq"


@cache
def bench_redis_url() -> str | None:
    url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL)
    if not url or url == "none":
        return None
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except Exception:
        return None
    return url


def page_caches() -> list[str]:
    """The page caches a run measures side by side: files always, Redis when one answers."""
    return ["files", "redis"] if bench_redis_url() else ["files"]


def default_page_cache() -> str:
    """The one the other measurements run with."""
    return "redis" if bench_redis_url() else "files"


def flush_page_cache() -> None:
    """Forget every cached page (the bench's own Redis database, or its cache directory)."""
    url = bench_redis_url()
    if url:
        import redis

        redis.Redis.from_url(url).flushdb()
    shutil.rmtree(PAGE_CACHE_DIR, ignore_errors=True)
    # Emptied beneath the servers: their process-local copies must not outlive it.
    from common.sequence import ChangeSequence

    BENCH_DIR.mkdir(exist_ok=True)
    ChangeSequence(str(PAGE_SEQUENCE)).advance()


def _first(path: str, prefix: str) -> str:
    try:
        with open(path) as lines:
            for line in lines:
                if line.startswith(prefix):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def git_revision() -> str:
    try:
        revision = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607 - git from PATH, no input
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        # Uncommitted changes to tracked files are measured too: say so.
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{revision}+uncommitted" if changed else revision


def machine() -> dict:
    memory_kb = _first("/proc/meminfo", "MemTotal").split()[0]
    return {
        "cpus": os.cpu_count(),
        "cpu_model": _first("/proc/cpuinfo", "model name"),
        "memory_gib": round(int(memory_kb) / 1024 / 1024, 1) if memory_kb.isdigit() else None,
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def child(scale: Scale, module: str, *args: str, **env: str) -> dict:
    """Run ``python -m module args`` with the bench settings; its last stdout line is JSON."""
    result = subprocess.run(  # noqa: S603 - our own modules with fixed arguments
        [PYTHON, "-m", module, *args],
        cwd=ROOT,
        env=django_env(scale, **env),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        tail = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(tail)
    return json.loads(result.stdout.strip().splitlines()[-1])

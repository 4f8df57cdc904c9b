"""gunicorn for `make serve` (and the HTTP benchmark), configured by the environment only.

PORT                  port on 127.0.0.1 (8000); GUNICORN_BIND replaces the whole address
WEB_CONCURRENCY       worker processes (default: CPUs + 1)
GUNICORN_THREADS      threads per worker (default 2)
GUNICORN_ACCESS_LOG   "-" for stdout or a file path; off by default (it costs throughput)

Rendering a page is CPU-bound Python, so processes (one per core, plus one to cover a worker
stalled on the database) do the work; two threads each overlap the short database waits.
Measured on 2 cores in docs/performance.md.
"""

import os

bind = os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{os.environ.get('PORT') or 8000}"
workers = int(os.environ.get("WEB_CONCURRENCY") or (os.cpu_count() or 1) + 1)
threads = int(os.environ.get("GUNICORN_THREADS") or 2)
worker_class = "gthread"
# Import the project once in the master: faster restarts, and workers share its memory.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
timeout = 30
graceful_timeout = 20
keepalive = 5

"""gunicorn for `make serve` (and the HTTP benchmark), configured by the environment only.

PORT                  port on 127.0.0.1 (8000); GUNICORN_BIND replaces the whole address
WEB_CONCURRENCY       worker processes (default: CPUs + 1)
GUNICORN_THREADS      threads per worker (default 2)
GUNICORN_ACCESS_LOG   "-" for stdout or a file path; off by default (it costs throughput)
GUNICORN_LOG_LEVEL    gunicorn's own messages (default warning)

gunicorn's messages and access lines go to stdout in the site's format (DJANGO_LOG_FORMAT:
JSON or plain, newsroom/logging.py), an access line with the request id the site sent back.

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
# No %(t)s: the time, like the request id, is a field of the site's log line.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
timeout = 30
graceful_timeout = 20
keepalive = 5


def _site_format(log) -> None:
    """gunicorn made its handlers (errors on stderr); give them stdout and the site's format."""
    import sys

    from newsroom.logging import AccessLogRequestIdFilter, formatter_for

    formatter = formatter_for(os.environ.get("DJANGO_LOG_FORMAT"))
    for logger in (log.error_log, log.access_log):
        for handler in logger.handlers:
            handler.setFormatter(formatter)
            if getattr(handler, "stream", None) is sys.stderr:
                handler.setStream(sys.stdout)
    if not any(isinstance(f, AccessLogRequestIdFilter) for f in log.access_log.filters):
        log.access_log.addFilter(AccessLogRequestIdFilter())


def on_starting(server):
    _site_format(server.log)


def post_fork(server, worker):
    # A reload (HUP) makes a new logger, which the new workers receive.
    _site_format(worker.log)


def when_ready(server):
    # Before the workers fork (preload_app): the desk's French model for new names' kinds is
    # loaded once here and shared, rather than making an editor wait 3-5 s on each worker's
    # first French story. NEWSROOM_PRELOAD_NER=0 leaves it to the first story.
    if os.environ.get("NEWSROOM_PRELOAD_NER", "1") != "0":
        from actors.suggestions.kinds import load_model

        load_model()
    from common.startup import freeze_startup_objects

    freeze_startup_objects()

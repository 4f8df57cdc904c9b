"""The content API (/api/v1/) at scale: server time of its answers, in process, uncached.

    python -m bench.api measure N                 # the child: prints JSON
    python -m bench.api --scale default|large     # on its own: migrate, measure, a table

As the page rows (bench.pages), with the page cache off: every answer is built afresh, with
no If-None-Match, so no 304 saves the work. Rows: the story list's first page, a page
filtered by the most tagged actor, a page deep in the cursor (reached by following ``next``),
one story in the newsroom's JSON and in ninjs (rotating over 200 stories), and the actor
holding the most public relationships with them. The baseline, in the same run, is
/healthz. Target: p95 under 50 ms at 1,000,000 stories.
"""

import json
import sys
import time
from urllib.parse import parse_qs, urlencode, urlsplit

from bench.config import child
from bench.corpus import standalone_row
from bench.report import Row, latency_rows

API_MAX_MS = 50
STORIES = "/api/v1/stories/"
# How deep the deep row reads: pages of the largest size the API allows, followed from the
# first (a partner mirroring the archive).
DEEP_PAGES = 100
DEEP_LIMIT = 100
PAGE = 20  # the default page size, as the other list rows read
ROTATION = 200


def api_rows(scale, rows: list) -> dict | None:
    """Measure in a child process and add its rows to ``rows`` (bench.run's table)."""
    try:
        result = child(
            scale,
            "bench.api",
            "measure",
            str(scale.requests),
            NEWSROOM_PAGE_CACHE="0",
            # One address asks thousands of times: the anonymous limit is not measured here.
            NEWSROOM_API_ANON_RATE="1000000/min",
        )
    except Exception as error:  # reported in the table; the other measurements go on
        rows.append(Row(name="API", status="error", note=str(error)[:120]))
        return None
    latency_rows(result, rows, prefix="API ", max_ms=API_MAX_MS, large=scale.name == "large")
    return result


def _relative(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _items(body) -> list:
    if isinstance(body, list):
        return body
    return next(body[k] for k in ("items", "results", "data") if isinstance(body.get(k), list))


def _deep_url(client) -> tuple[str | None, str]:
    """The URL ``DEEP_PAGES`` pages into the list, by its cursor (None: no cursor)."""
    url, depth, started = f"{STORIES}?limit={DEEP_LIMIT}", 0, time.perf_counter()
    response = client.get(url)
    if response.status_code == 400:  # a smaller largest page
        url = f"{STORIES}?limit=50"
        response = client.get(url)
    while response.status_code == 200 and depth < DEEP_PAGES:
        body = response.json()
        following = body.get("next") if isinstance(body, dict) else None
        if not following:
            break
        url, depth = _relative(following), depth + 1
        response = client.get(url)
    stories = depth * len(_items(response.json())) if response.status_code == 200 else 0
    seconds = time.perf_counter() - started
    note = f"about {stories:,} stories in (walked in {seconds:.1f} s), a page of {PAGE}"
    # Timed with the first page's size: the cursor says where, the limit how many.
    query = parse_qs(urlsplit(url).query)
    query["limit"] = [str(PAGE)]
    return (f"{STORIES}?{urlencode(query, doseq=True)}" if depth else None), note


def _targets(client) -> list[tuple[str, list[str | None], str]]:
    from django.db.models import Count

    from actors.models import Actor, Relationship
    from articles.models import Article, ArticleActor

    sample = list(Article.objects.published().newest_first().values_list("slug", flat=True)[:800])
    slugs = sample[:: max(1, len(sample) // ROTATION)][:ROTATION]
    busiest = (
        ArticleActor.objects.values("actor__slug")
        .annotate(n=Count("id"))
        .order_by("-n", "actor__slug")
        .first()
    )
    top = (
        Relationship.objects.public()
        .values("source")
        .annotate(n=Count("id"))
        .order_by("-n", "source")
        .values_list("source", flat=True)[:20]
    )
    connected = list(Actor.objects.public().filter(pk__in=list(top)).values_list("slug", flat=True))
    deep, deep_note = _deep_url(client)
    actor_filter = f"{STORIES}?actor={busiest['actor__slug']}" if busiest else None
    return [
        ("healthz (baseline)", ["/healthz"], ""),
        ("stories, first page", [STORIES], ""),
        ("stories, by most tagged actor", [actor_filter], f"{busiest['n']:,} tagged"
         if busiest else ""),
        ("stories, deep cursor", [deep], deep_note),
        ("one story (JSON)", [f"{STORIES}{slug}" for slug in slugs] or [None], ""),
        ("one story (ninjs)", [f"{STORIES}{slug}?format=ninjs" for slug in slugs] or [None], ""),
        ("actor with relationships", [f"/api/v1/actors/{slug}" for slug in connected] or [None],
         "the 20 public actors with most relationships"),
    ]  # fmt: skip


def measure(requests: int) -> dict:
    import signal

    from django.test import Client

    from bench.pages import _measure_page, _on_alarm, _Timeout

    signal.signal(signal.SIGALRM, _on_alarm)
    # As gunicorn's master does before it forks the workers (gunicorn.conf.py).
    from common.startup import freeze_startup_objects

    freeze_startup_objects()
    client = Client()
    measured, baseline = [], None
    for name, urls, note in _targets(client):
        row = {"name": name, "urls": urls[:3]}
        if any(url is None for url in urls):
            measured.append({**row, "status": "n/a", "note": note or "no such answer"})
            continue
        try:
            row.update(_measure_page(client, urls, requests))
        except _Timeout:
            row.update(status="timeout", note="a request took over the limit")
        if note:
            row["note"] = "; ".join(filter(None, [row.get("note"), note]))
        if baseline is None:
            baseline = row
        else:
            measured.append(row)
    return {"baseline_ms": baseline, "rows": measured}


def main(argv: list[str]) -> None:
    if len(argv) > 2 and argv[1] == "--scale":
        standalone_row(argv[2], api_rows)
        return
    if len(argv) > 2 and argv[1] == "measure":
        import django

        django.setup()
        print(json.dumps(measure(int(argv[2])), default=str))
        return
    raise SystemExit("usage: python -m bench.api measure N | --scale default|large")


if __name__ == "__main__":
    main(sys.argv)

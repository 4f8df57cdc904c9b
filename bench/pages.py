"""Server time of the main pages, in process (django.test.Client), warm.

``python -m bench.pages prepare OUT_DIR`` picks the pages, saves the story page's HTML for
the static-file baseline and the story paths the HTTP benchmark rotates through;
``python -m bench.pages measure N`` times N requests of each page. Both print JSON.
Pages whose URL does not exist (yet) are reported as "n/a", not as failures.
"""

import json
import os
import signal
import sys
import time
from io import StringIO
from pathlib import Path
from urllib.parse import quote

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from actors.models import Actor  # noqa: E402
from articles.models import Article, ArticleActor, Section, TaggedArticle  # noqa: E402
from bench.stats import summary  # noqa: E402

WARM_UP = 3
# A page slower than this in total is timed on fewer requests (the row says how many).
PAGE_SECONDS = float(os.environ.get("BENCH_PAGE_SECONDS") or 60)
# ... and a single request slower than this is abandoned: the page is reported as timing out.
REQUEST_SECONDS = float(os.environ.get("BENCH_REQUEST_SECONDS") or 30)
STATIC_STORY = "bench/story.html"
# Stories the uncached rounds rotate through: more than a round's 10 s can read.
ROTATION = 5000


def _url(name: str, query: str = "", **kwargs) -> str | None:
    try:
        return reverse(name, kwargs=kwargs or None) + query
    except NoReverseMatch:
        return None


def _story_sample(limit: int) -> list[Article]:
    return list(Article.objects.published().newest_first().only("slug")[:limit])


def _busiest_actors():
    counts = list(
        ArticleActor.objects.values("actor").annotate(n=Count("id")).order_by("-n", "actor")
    )
    if not counts:
        return None, None
    busiest = Actor.objects.get(pk=counts[0]["actor"])
    typical = Actor.objects.get(pk=counts[len(counts) // 2]["actor"])
    return busiest, typical


def _busiest_tag():
    top = (
        TaggedArticle.objects.values("tag__slug", "tag__name")
        .annotate(n=Count("id"))
        .order_by("-n", "tag__slug")
        .first()
    )
    return top


def pages() -> list[dict]:
    """(label, URLs to rotate through, log in as staff?, target p95 in ms)."""
    stories = [article.get_absolute_url() for article in _story_sample(200)[::4]]
    # Deep pagination (crawlers go there): page 1,000, or the last page of a small corpus.
    deep = max(1, min(1000, Article.objects.published().count() // 20))
    busiest, typical = _busiest_actors()
    tag = _busiest_tag()
    section = Section.objects.annotate(n=Count("articles")).order_by("-n").first()
    section_url = _url("articles:section", slug=section.slug) if section else None
    tag_url = _url("articles:tag", slug=tag["tag__slug"]) if tag else None
    queries = [tag["tag__name"] if tag else "climat", "réforme", "budget des hôpitaux"]
    if busiest:
        queries.append(busiest.name)
    spec = [
        ("healthz (baseline)", [_url("healthz")], False, None),
        ("home", [_url("articles:home")], False, 50),
        (f"home, page {deep}", [_url("articles:home", f"?page={deep}")], False, 50),
        ("section", [section_url], False, 50),
        ("story", stories or [None], False, 50),
        ("actor (most tagged)", [busiest.get_absolute_url()] if busiest else [None], False, 50),
        ("actor (median)", [typical.get_absolute_url()] if typical else [None], False, 50),
        ("tag (most used)", [tag_url], False, 50),
        (
            "search",
            [_url("search:results", f"?q={quote(query)}") for query in queries],
            False,
            50,
        ),
        ("admin story list", [_url("admin:articles_article_changelist")], True, 300),
    ]  # fmt: skip
    return [
        {"name": name, "urls": urls, "staff": staff, "target_ms": target}
        for name, urls, staff, target in spec
    ]


def _client(staff: bool) -> Client:
    client = Client()
    if staff:
        User = get_user_model()
        user, _ = User.objects.get_or_create(
            username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
        )
        client.force_login(user)
    return client


class _Timeout(Exception):
    pass


_alarm = {"fired": False}


def _on_alarm(signum, frame):
    _alarm["fired"] = True
    raise _Timeout


def _get(client: Client, url: str):
    """One request, abandoned after REQUEST_SECONDS (a page may be unusably slow)."""
    _alarm["fired"] = False
    signal.setitimer(signal.ITIMER_REAL, REQUEST_SECONDS)
    try:
        return client.get(url)
    except Exception as error:
        # The alarm may surface as another error: SQLite reports an exception raised in a
        # user-defined function as its own OperationalError.
        if _alarm["fired"]:
            connection.close()
            raise _Timeout from error
        raise
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _measure_page(client: Client, urls: list[str], requests: int) -> dict:
    statuses = set()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        statuses.add(_get(client, urls[0]).status_code)
        first = time.perf_counter() - started
    # Now: the next request's start clears the log the context reads from.
    query_count = len(queries)
    if first < PAGE_SECONDS / 20:  # slower pages are warm enough after one request
        for index in range(1, WARM_UP):
            statuses.add(_get(client, urls[index % len(urls)]).status_code)
    timings, deadline = [], time.perf_counter() + PAGE_SECONDS
    for index in range(requests):
        started = time.perf_counter()
        response = _get(client, urls[index % len(urls)])
        timings.append((time.perf_counter() - started) * 1000)
        statuses.add(response.status_code)
        if started > deadline:
            break
    row = {**summary(timings), "queries": query_count, "statuses": sorted(statuses)}
    if statuses != {200}:
        row["note"] = f"HTTP {sorted(statuses)}"
    return row


def measure(requests: int) -> list[dict]:
    signal.signal(signal.SIGALRM, _on_alarm)
    rows = []
    for page in pages():
        row = {"name": page["name"], "target_ms": page["target_ms"], "urls": page["urls"][:3]}
        if any(url is None for url in page["urls"]):
            rows.append({**row, "status": "n/a", "note": "no such page yet"})
            continue
        try:
            row.update(_measure_page(_client(page["staff"]), page["urls"], requests))
        except _Timeout:
            row.update(status="timeout", note=f"a request took over {REQUEST_SECONDS:g} s")
        rows.append(row)
    return rows


def prepare(out_dir: Path) -> dict:
    """The story page's HTML as a static file, and the stories to rotate through."""
    sample = _story_sample(200)
    if not sample:
        raise SystemExit("No published story in the bench database.")
    story = sample[len(sample) // 2]
    path = story.get_absolute_url()
    response = Client().get(path)
    if response.status_code != 200:
        raise SystemExit(f"The story page {path} answered {response.status_code}.")
    static_file = Path(settings.STATIC_ROOT) / STATIC_STORY
    static_file.parent.mkdir(parents=True, exist_ok=True)
    static_file.write_bytes(response.content)
    rotation = out_dir / "story-paths.txt"
    slugs = list(Article.objects.published().newest_first().values_list("slug", flat=True)[:20000])
    # The uncached rounds read pages missing from the page cache whose related stories were
    # ranked when their lists last changed, as on a running site (articles.related): the
    # corpus is written without the hooks that rank them, so they are ranked here.
    started = time.perf_counter()
    call_command("rank_related", limit=ROTATION, progress=False, stdout=StringIO())
    ranked_seconds = time.perf_counter() - started
    rotation.write_text(
        "".join(f"{reverse('articles:detail', args=[s])}\n" for s in slugs[:ROTATION])
    )
    mixed = out_dir / "mixed-paths.txt"
    mixed_paths = _mixed_public_paths(list(slugs))
    mixed.write_text("".join(f"{path}\n" for path in mixed_paths))
    return {
        "story_path": path,
        "static_path": f"/{settings.STATIC_URL.strip('/')}/{STATIC_STORY}",
        "static_file": str(static_file),
        "story_bytes": len(response.content),
        "rotation_file": str(rotation),
        "rotation_size": min(len(slugs), ROTATION),
        "ranked_seconds": round(ranked_seconds, 1),
        "mixed_file": str(mixed),
        "mixed_size": len(set(mixed_paths)),
    }


def _mixed_public_paths(slugs, draws: int = 5000, seed: int = 3) -> list[str]:
    """The URLs of a spike, in the order wrk asks for them: what readers ask for when a
    story breaks. Popularity is skewed as traffic is (Zipf, exponent 1): the home page and
    the latest stories most, then sections, busy actors and topics, searches, feeds and
    sitemaps; the 300 newest stories and about 120 other pages make the long tail."""
    import random

    home = reverse("articles:home")
    stories = [reverse("articles:detail", args=[slug]) for slug in slugs[:300]]
    others = [home, *(f"{home}?page={n}" for n in range(2, 6))]
    others += [section.get_absolute_url() for section in Section.objects.all()]
    actors = ArticleActor.objects.values("actor").annotate(n=Count("id")).order_by("-n")[:60]
    others += [
        actor.get_absolute_url()
        for actor in Actor.objects.filter(pk__in=[row["actor"] for row in actors])
    ]
    tags = TaggedArticle.objects.values("tag__slug").annotate(n=Count("id")).order_by("-n")[:30]
    others += [reverse("articles:tag", kwargs={"slug": row["tag__slug"]}) for row in tags]
    others += [
        reverse("search:results") + f"?q={quote(query)}"
        for query in ("budget", "réforme", "élection", "hôpital", "climat")
    ]
    others += [reverse("articles:feed-rss"), "/sitemap.xml", "/robots.txt"]
    # Interleaved so that a story and another page alternate near the top of the ranking.
    ranked = [url for pair in zip(stories, others, strict=False) for url in pair]
    ranked += stories[len(others) :] + others[len(stories) :]
    weights = [1 / rank for rank in range(1, len(ranked) + 1)]
    return random.Random(seed).choices(ranked, weights=weights, k=draws)


def main(argv: list[str]) -> None:
    if argv[1] == "prepare":
        result = prepare(Path(argv[2]))
    elif argv[1] == "measure":
        result = measure(int(argv[2]))
    else:
        raise SystemExit("usage: python -m bench.pages prepare OUT_DIR | measure N")
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main(sys.argv)


def measure_targets(client, targets, requests: int, counted) -> dict:
    """Time each (name, URL, note) of ``targets`` with ``client``; the first is the baseline.

    ``counted(html)`` says what each page listed (for the row's note). A row whose URL is None
    (nothing in the corpus to ask) is "n/a"; a request over the limit makes it a timeout.
    """
    import signal

    from common.startup import freeze_startup_objects

    signal.signal(signal.SIGALRM, _on_alarm)
    freeze_startup_objects()  # as gunicorn's master does before it forks the workers
    measured, baseline = [], None
    for name, url, note in targets:
        row = {"name": name, "url": url}
        if not url:
            measured.append({**row, "status": "n/a", "note": "the corpus has nothing to ask"})
            continue
        try:
            row.update(_measure_page(client, [url], requests))
        except _Timeout:
            row.update(status="timeout", note="a request took over the limit")
        if baseline is None:
            baseline = row
            continue
        row["listed"] = counted(client.get(url).content.decode())
        row["note"] = "; ".join(filter(None, [row.get("note"), note]))
        measured.append(row)
    return {"baseline_ms": baseline, "rows": measured}

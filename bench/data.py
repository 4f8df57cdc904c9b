"""Exports, imports and actor suggestions, each timed in its own process; prints JSON.

``python -m bench.data export FMT FRACTION`` | ``read FRACTION`` | ``suggest N`` |
``import STORIES``. A feature that does not exist yet answers {"status": "n/a"}. Imports and
the extra aliases of the suggestion benchmark run in a transaction that is rolled back: the
bench database keeps the corpus it was built with.
"""

import json
import os
import resource
import sys
import time
import uuid

import django

django.setup()

from django.db import transaction  # noqa: E402

from actors.models import Actor, Alias  # noqa: E402
from articles.models import Article  # noqa: E402
from bench.stats import summary  # noqa: E402
from common.text import fold  # noqa: E402

SUGGESTION_WORDS = 5000
STORY_WORDS = 800  # a typical story, for the desk's panel (issue 16)
SUGGESTION_ALIASES = 100_000
# A slow export is stopped after this long: its rate is known well before a million stories.
EXPORT_SECONDS = float(os.environ.get("BENCH_EXPORT_SECONDS") or 120)


class _OutOfTime(Exception):
    pass


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


class _Null:
    """A file that only counts what is written to it."""

    def __init__(self):
        self.characters = 0

    def write(self, text: str) -> int:
        self.characters += len(text)
        return len(text)


def _stories(fraction: float):
    first = Article.objects.order_by("pk").values_list("pk", flat=True).first() or 0
    last = Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return Article.objects.filter(pk__lte=first + round((last - first) * fraction))


class _ChunkClock:
    """Milliseconds per 1,000 stories, from the progress callback the services call."""

    def __init__(self):
        self.count, self.timings, self.last = 0, [], time.perf_counter()

    def __call__(self, stories: int) -> None:
        now = time.perf_counter()
        if stories:
            self.timings.append((now - self.last) * 1000 * 1000 / stories)
        self.count += stories
        self.last = now


def export(fmt: str, fraction: float) -> dict:
    try:
        from exports.services import stories_export
    except ImportError:
        return {"status": "n/a", "note": "no exports.services.stories_export"}
    queryset = _stories(fraction)
    before = peak_rss_mb()
    clock, out = _ChunkClock(), _Null()
    started = time.perf_counter()
    deadline = started + EXPORT_SECONDS

    def progress(stories: int) -> None:
        clock(stories)
        if time.perf_counter() > deadline:
            raise _OutOfTime

    stopped = False
    try:
        count = stories_export(queryset=queryset, fmt=fmt, out=out, progress=progress)
    except _OutOfTime:
        count = clock.count
        stopped = count < queryset.count()
    seconds = time.perf_counter() - started
    return {
        "stories": count,
        "of": queryset.count(),
        "stopped_after_seconds": EXPORT_SECONDS if stopped else None,
        "seconds": seconds,
        "stories_per_second": count / seconds if seconds else None,
        "chunk_ms_per_1000": summary(clock.timings) if clock.timings else None,
        "peak_rss_mb": peak_rss_mb(),
        "rss_before_mb": before,
        "characters": out.characters,
    }


def read(fraction: float) -> dict:
    """The baseline: the same stories in the same chunks, read but not formatted."""
    try:
        from exports.services import stories_in_chunks
    except ImportError:
        return {"status": "n/a"}
    clock, count, size = _ChunkClock(), 0, 0
    started = time.perf_counter()
    for chunk in stories_in_chunks(queryset=_stories(fraction)):
        size += sum(len(article.body) for article in chunk)
        count += len(chunk)
        clock(len(chunk))
    seconds = time.perf_counter() - started
    return {
        "stories": count,
        "seconds": seconds,
        "stories_per_second": count / seconds if seconds else None,
        "chunk_ms_per_1000": summary(clock.timings) if clock.timings else None,
        "peak_rss_mb": peak_rss_mb(),
    }


def _story_text(words: int) -> str:
    """Real corpus prose, naming corpus actors, cut at ``words`` words."""
    collected: list[str] = []
    for body in Article.objects.published().newest_first().values_list("body", flat=True)[:100]:
        collected += body.split()
        if len(collected) >= words:
            break
    return " ".join(collected[:words])


def _add_aliases_up_to(total: int) -> int:
    """Invented aliases on existing actors until there are ``total`` (inside the caller's
    rolled-back transaction)."""
    import random

    from bench.synthetic.text import Names

    have = Alias.objects.count()
    actor_ids = list(Actor.objects.values_list("pk", flat=True))
    if have >= total or not actor_ids:
        return 0
    rng, names = random.Random(9), Names(random.Random(10))
    new, seen = [], set(Alias.objects.values_list("actor_id", "folded"))
    while len(new) < total - have:
        name = names.make().name
        key = (rng.choice(actor_ids), fold(name))
        if key not in seen:
            seen.add(key)
            new.append(Alias(actor_id=key[0], name=name, folded=key[1]))
    Alias.objects.bulk_create(new, batch_size=5000)
    return len(new)


def _story(words: int, repeat: int) -> dict:
    """A typical story: the matcher's time, then the kinds of its new names apart (the
    French model's first load is left out: a process pays it once)."""
    from actors.suggestions import suggest_for_text
    from actors.suggestions.kinds import load_model, model_seconds

    text = _story_text(words)
    load_model()
    timings, kinds, baseline = [], [], []
    for _ in range(repeat):
        started = time.perf_counter()
        suggest_for_text(text, kinds=False, language="fr")
        timings.append((time.perf_counter() - started) * 1000)
        model, started = model_seconds(), time.perf_counter()
        names = len(suggest_for_text(text, language="fr").names)
        total = (time.perf_counter() - started) * 1000
        kinds.append(total - timings[-1])
        started = time.perf_counter()
        fold(text).split()
        baseline.append((time.perf_counter() - started) * 1000)
    return {
        "words": len(text.split()),
        "ms": summary(timings),
        "kinds_ms": summary(kinds),
        "model_ms": (model_seconds() - model) * 1000,
        "names": names,
        "baseline_ms": summary(baseline),
    }


def suggest(repeat: int) -> dict:
    try:
        from actors.suggestions import matcher, suggest_for_text
    except ImportError:
        return {"status": "n/a", "note": "no actors.suggestions"}
    text = _story_text(SUGGESTION_WORDS)
    with transaction.atomic():
        added = _add_aliases_up_to(SUGGESTION_ALIASES)
        aliases = Alias.objects.count()
        started = time.perf_counter()
        matcher()
        build = time.perf_counter() - started
        timings, baseline, found = [], [], 0
        for _ in range(repeat):
            started = time.perf_counter()
            found = len(suggest_for_text(text, kinds=False).actors)
            timings.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            fold(text).split()
            baseline.append((time.perf_counter() - started) * 1000)
        story = _story(STORY_WORDS, repeat)
        transaction.set_rollback(True)
    return {
        "story": story,
        "words": len(text.split()),
        "aliases": aliases,
        "aliases_added": added,
        "actors": Actor.objects.count(),
        "build_seconds": build,
        "ms": summary(timings),
        "baseline_ms": summary(baseline),
        "actors_found": found,
    }


def _records(count: int) -> list[str]:
    """JSON Lines of ``count`` published stories, given new identities so they import new."""
    from io import StringIO

    from exports.services import stories_export

    ids = list(Article.objects.published().order_by("pk").values_list("pk", flat=True)[:count])
    out = StringIO()
    stories_export(queryset=Article.objects.filter(pk__in=ids), fmt="jsonl", out=out)
    lines = []
    for line in out.getvalue().splitlines():
        record = json.loads(line)
        record["uuid"] = str(uuid.uuid4())
        record["slug"] = f"{record['slug']}-bench-import"[:250]
        lines.append(json.dumps(record, ensure_ascii=False))
    return lines


def import_(count: int, batches: int = 5) -> dict:
    try:
        from exports.imports import stories_import
        from exports.services import stories_export  # noqa: F401
    except ImportError:
        return {"status": "n/a", "note": "no exports.imports.stories_import"}
    lines = _records(count)
    size = max(1, len(lines) // batches)
    parts = [lines[i : i + size] for i in range(0, len(lines), size)]
    timings, baseline, created, seconds, baseline_seconds = [], [], 0, 0.0, 0.0
    with transaction.atomic():
        for number, part in enumerate(parts):
            started = time.perf_counter()
            report = stories_import(lines=part)
            elapsed = time.perf_counter() - started
            seconds += elapsed
            timings.append(elapsed * 1000 / len(part))
            created += len(report.created)
            # The baseline: as many bare stories saved one by one through the ORM.
            started = time.perf_counter()
            for index in range(len(part)):
                Article.objects.create(
                    title=f"Bench {number}-{index}", slug=f"bench-baseline-{number}-{index}"
                )
            elapsed = time.perf_counter() - started
            baseline_seconds += elapsed
            baseline.append(elapsed * 1000 / len(part))
        transaction.set_rollback(True)
    return {
        "stories": len(lines),
        "created": created,
        "stories_per_second": len(lines) / seconds if seconds else None,
        "ms_per_story": summary(timings),
        "baseline_stories_per_second": len(lines) / baseline_seconds if baseline_seconds else None,
        "baseline_ms_per_story": summary(baseline),
    }


def main(argv: list[str]) -> None:
    command = argv[1]
    if command == "export":
        result = export(argv[2], float(argv[3]))
    elif command == "read":
        result = read(float(argv[2]))
    elif command == "suggest":
        result = suggest(int(argv[2]))
    elif command == "import":
        result = import_(int(argv[2]))
    else:
        raise SystemExit("usage: python -m bench.data export|read|suggest|import ...")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv)

"""The desk at work during the reader load: real saves of live stories, as an editor makes.

    python -m bench.desk START STEADY EVERY BURST BURST_SECONDS

From START (a Unix time, so that the HTTP side can start its readers at the same moment) it
saves one of the newest published stories (the ones readers ask for most) every EVERY
seconds for STEADY seconds, then BURST saves spread over BURST_SECONDS. Each save goes through
``article_save`` by a user who may publish, and changes what readers see: the headline or a
line at the end of the body, in turn. The stories get their own text back once the readers
are done, so the corpus stays the one measured next time. Prints JSON: saves made, how long
each took, how late the slowest started.
"""

import json
import sys
import time

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from articles.models import Article  # noqa: E402
from articles.services.stories import article_save  # noqa: E402
from bench.stats import summary  # noqa: E402

STORIES = 10
TITLE_MAX_LENGTH = Article._meta.get_field("title").max_length


def schedule(steady: float, every: float, burst: int, burst_seconds: float) -> list[float]:
    """Seconds after the start at which each save is due."""
    steady_saves = [n * every for n in range(int(steady // every) + 1) if n * every < steady]
    step = burst_seconds / burst if burst else 0
    return steady_saves + [steady + n * step for n in range(burst)]


def edit(article: Article, number: int, original: tuple[str, str]) -> None:
    """A change readers see: the headline one time, the body's last line the next."""
    title, body = original
    if number % 2:
        article.body = f"{body}\n\nMise à jour n° {number} du bureau."
    else:
        article.title = f"{title} (mis à jour, {number})"[:TITLE_MAX_LENGTH]


def run(start: float, due: list[float], restore_at: float) -> dict:
    editor, _ = get_user_model().objects.get_or_create(
        username="bench-editor", defaults={"is_staff": True, "is_superuser": True}
    )
    pks = list(Article.objects.published().newest_first().values_list("pk", flat=True)[:STORIES])
    originals = {
        pk: (title, body)
        for pk, title, body in Article.objects.filter(pk__in=pks).values_list("pk", "title", "body")
    }
    timings, late, errors = [], [], []
    try:
        for number, offset in enumerate(due):
            wait = start + offset - time.time()
            if wait > 0:
                time.sleep(wait)
            late.append(max(0.0, -wait))
            pk = pks[number % len(pks)]
            began = time.perf_counter()
            try:
                article = Article.objects.get(pk=pk)
                edit(article, number, originals[pk])
                article_save(article=article, by=editor)
            except Exception as error:  # reported, the readers' run goes on
                errors.append(f"{type(error).__name__}: {error}"[:200])
            timings.append((time.perf_counter() - began) * 1000)
    finally:
        # Not while the readers are still being timed.
        time.sleep(max(0.0, restore_at - time.time()))
        for pk, (title, body) in originals.items():
            article = Article.objects.get(pk=pk)
            if (article.title, article.body) != (title, body):
                article.title, article.body = title, body
                article_save(article=article, by=editor)
    return {
        "saves": len(timings) - len(errors),
        "errors": errors,
        "save_ms": summary(timings) if timings else None,
        "max_save_ms": max(timings, default=0),
        "latest_start_s": max(late, default=0),
        "stories": len(pks),
    }


def main(argv: list[str]) -> None:
    start, steady, every, burst, burst_seconds = map(float, argv[1:6])
    due = schedule(steady, every, int(burst), burst_seconds)
    print(json.dumps(run(start, due, restore_at=start + steady + burst_seconds + 1)))


if __name__ == "__main__":
    main(sys.argv)

"""The desk's story list (/admin/articles/article/) searched and filtered, at scale.

    python -m bench.story_list measure N                 # the child: prints JSON
    python -m bench.story_list --scale default|large     # on its own: migrate, measure, a table

Server time of the admin changelist, in process (django.test.Client), warm, for a logged-in
editor (staff, the Editor group's permissions, not a superuser): the list alone, then
searches for a common word (the most used topic), a rare word (the invented name of an
organisation with few stories), a name (the most tagged actor's), the alias most actors share
(a surname), a story's slug, and the same with the list's filters (section and status, a
contributor, a date). The baseline, in the same
run, is /healthz. Target: p95 under 300 ms at 1,000,000 stories (issue 19).
"""

import re
import sys
from urllib.parse import urlencode

from bench.config import child
from bench.corpus import rows_main
from bench.report import Row, latency_rows

STORY_LIST_MAX_MS = 300
CHANGELIST = "/admin/articles/article/"
# The paginator's "1,000 stories" (the client asks for English).
LISTED = re.compile(r"([\d][\d,\u00a0\u202f ]*)\s+stor(?:y|ies)\b")


def story_list_rows(scale, rows: list) -> dict | None:
    """Measure in a child process and add its rows to ``rows`` (bench.run's table)."""
    try:
        result = child(scale, "bench.story_list", "measure", str(scale.requests))
    except Exception as error:  # reported in the table; the other measurements go on
        rows.append(Row(name="story list", status="error", note=str(error)[:120]))
        return None
    latency_rows(
        result, rows, prefix="story list: ", max_ms=STORY_LIST_MAX_MS, large=scale.name == "large"
    )
    return result


def _url(**params) -> str:
    return f"{CHANGELIST}?{urlencode(params)}" if params else CHANGELIST


def _targets() -> list[tuple[str, str | None, str]]:
    """(row name, URL or None when the corpus has nothing to ask, what was asked)."""
    from django.db.models import Count, Max, Min

    from actors.models import Actor, Alias
    from articles.models import Article, ArticleActor, Byline, Section, TaggedArticle

    tag = (
        TaggedArticle.objects.values("tag__name")
        .annotate(n=Count("id"))
        .order_by("-n", "tag__name")
        .first()
    )
    common = tag["tag__name"] if tag else None
    tagged = list(
        ArticleActor.objects.values("actor").annotate(n=Count("id")).order_by("-n", "actor")
    )
    busiest = Actor.objects.get(pk=tagged[0]["actor"]) if tagged else None
    # An organisation with few stories: the last word of its name is invented ("Lupel"),
    # where a person's surname may be shared by hundreds of actors; the first such word found
    # in at most RARE stories.
    seldom = [row["actor"] for row in tagged[len(tagged) * 9 // 10 :][:500]]
    names = Actor.objects.filter(pk__in=seldom).exclude(kind=Actor.Kind.PERSON)
    rare = next((word for word in _last_words(names[:50]) if _rare(word)), None)
    # The alias most actors share (a surname): the search must not read all their stories.
    shared = (
        Alias.objects.filter(actor__kind=Actor.Kind.PERSON, name__regex=r"^\w{4,}$")
        .values("name")
        .annotate(n=Count("actor"))
        .order_by("-n", "name")
        .first()
    )
    surname = shared["name"] if shared else None
    ids = Article.objects.aggregate(low=Min("pk"), high=Max("pk"))
    old = (
        Article.objects.filter(pk__gte=ids["low"] + (ids["high"] - ids["low"]) // 3)
        .order_by("pk")
        .values_list("slug", flat=True)
        .first()
        if ids["low"] is not None
        else None
    )
    section = Section.objects.order_by("position", "pk").first()
    signer = (
        Byline.objects.values("contributor__name")
        .annotate(n=Count("id"))
        .order_by("n", "contributor__name")
        .first()
    )
    signer = signer["contributor__name"] if signer else None
    latest = Article.objects.exclude(publish_at=None).order_by("-publish_at").first()
    since = latest.publish_at.date().replace(day=1).isoformat() if latest else None

    def when(*values):
        return None if any(value is None for value in values) else True

    return [
        ("healthz (baseline)", "/healthz", ""),
        ("no search", _url(), ""),
        ("common word", when(common) and _url(q=common), f"«{common}»"),
        ("rare word", when(rare) and _url(q=rare), f"«{rare}»"),
        ("a name", when(busiest) and _url(q=busiest.name), f"«{busiest and busiest.name}»"),
        (
            "a surname many share",
            when(surname) and _url(q=surname),
            f"«{surname}», {shared and shared['n']:,} actors",
        ),
        ("a slug", when(old) and _url(q=old), "a story a third into the archive"),
        (
            "common word + section, status",
            when(common, section)
            and _url(q=common, section__id__exact=section.pk, status__exact="published"),
            f"«{common}», {section}, published",
        ),
        (
            "a name + contributor",
            when(busiest, signer) and _url(q=busiest.name, contributor=signer),
            f"«{busiest and busiest.name}», {signer}",
        ),
        (
            "rare word + date",
            when(rare, since) and _url(q=rare, publish_at__gte=since),
            f"«{rare}», since {since}",
        ),
        ("contributor only", when(signer) and _url(contributor=signer), f"{signer}"),
    ]


RARE = 200


def _last_words(actors) -> list[str]:
    return [actor.name.split()[-1] for actor in actors if len(actor.name.split()[-1]) > 3]


def _rare(word: str) -> bool:
    """Found in a few stories (by the search's own index on PostgreSQL, FTS5 on SQLite)."""
    from django.db import connection

    from articles.models import SearchDocument
    from search.query import FTS_TABLE, fts_match, search_query

    if connection.vendor == "postgresql":
        found = SearchDocument.objects.filter(document=search_query(word))[: RARE + 1].count()
    else:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM {FTS_TABLE} "  # noqa: S608
                f"WHERE {FTS_TABLE} MATCH %s LIMIT {RARE + 1})",
                [fts_match(word)],
            )
            found = cursor.fetchone()[0]
    return 0 < found <= RARE


def _editor():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user, _ = get_user_model().objects.get_or_create(
        username="bench-editor", defaults={"is_staff": True}
    )
    group = Group.objects.filter(name="Editor").first()
    if group is not None:
        user.groups.add(group)
    return user


def measure(requests: int) -> dict:
    from django.test import Client

    from bench.pages import measure_targets

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(_editor())
    return measure_targets(
        client,
        _targets(),
        requests,
        lambda html: f"{found[1] if (found := LISTED.search(html)) else '?'} listed",
    )


def main(argv: list[str]) -> None:
    rows_main(argv, "bench.story_list", story_list_rows, measure)


if __name__ == "__main__":
    main(sys.argv)

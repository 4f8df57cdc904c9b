"""``stories_export``: any queryset of stories, in chunks, to any writer, in constant memory."""

from collections.abc import Callable, Iterator
from typing import TextIO

from django.db.models import QuerySet

from articles.models import Article
from exports.bulk import ExportCache
from exports.rows import keyset_page, story_rows_in_chunks
from exports.writers import WRITERS, StoryWriter

CHUNK_SIZE = 1000
PIECE_SIZE = 64 * 1024


def stories_in_chunks(
    *, queryset: QuerySet, prefetch: tuple = (), chunk_size: int = CHUNK_SIZE
) -> Iterator[list[Article]]:
    """Lists of at most ``chunk_size`` stories in primary-key order, each list prefetched.

    ``prefetch`` holds Django prefetches (names or ``Prefetch``) and loaders from
    ``exports.bulk``, called with the chunk and the export's cache of shared rows.
    Keyset pagination (``pk > last``) keeps every chunk's query as cheap as the first, unlike
    OFFSET; one query per chunk plus one per prefetch, whatever the number of stories.
    Only one chunk is alive at a time, so memory does not grow with the export.
    """
    loaders = [item for item in prefetch if callable(item)]
    prefetch = tuple(item for item in prefetch if not callable(item))
    cache = ExportCache()
    last = 0
    while True:
        stories = keyset_page(queryset, last).select_related("section", "lead_image")
        chunk = list(stories.prefetch_related(*prefetch)[:chunk_size])
        if chunk:
            for load in loaders:
                load(chunk, cache)
            yield chunk
            _unlink(chunk)
        if len(chunk) < chunk_size:
            return
        last = chunk[-1].pk


def _unlink(instances) -> None:
    """Break the reference cycles prefetching makes, so a written chunk is freed at once.

    Prefetched rows point back at their parent (an actor tag at its story, an alias at its
    actor). Left alone, each chunk becomes cyclic garbage that only the collector's oldest,
    rarely run generation reclaims, and memory climbs over several chunks before it does.
    """
    pending, seen = list(instances), set()
    while pending:
        instance = pending.pop()
        if id(instance) in seen:
            continue
        seen.add(id(instance))
        pending += [obj for obj in instance._state.fields_cache.values() if obj is not None]
        instance._state.fields_cache = {}
        prefetched = getattr(instance, "_prefetched_objects_cache", None)
        if prefetched:  # a lead image's renditions point back at their picture
            for rows in prefetched.values():
                pending += list(rows)
            instance._prefetched_objects_cache = {}
        for name in [name for name in vars(instance) if name.startswith("export_")]:
            # The bulk loaders' rows point nowhere back, and the actors, users and
            # relationships among them live on in the export's cache: not walked.
            delattr(instance, name)


def writer_for(fmt: str, *, public_only: bool = True, bom: bool = False) -> StoryWriter:
    try:
        writer_class = WRITERS[fmt]
    except KeyError:
        choices = ", ".join(WRITERS)
        raise ValueError(f"Unknown export format {fmt!r}; choose one of {choices}.") from None
    return writer_class(public_only=public_only, bom=bom)


def stories_export_text(
    *,
    queryset: QuerySet,
    fmt: str,
    public_only: bool = True,
    bom: bool = False,
    chunk_size: int = CHUNK_SIZE,
    progress: Callable[[int], None] | None = None,
) -> Iterator[str]:
    """The export as text pieces of about ``PIECE_SIZE`` characters, for streaming."""
    writer = writer_for(fmt, public_only=public_only, bom=bom)
    header = writer.begin()
    if header:
        yield header
    for chunk in story_rows_in_chunks(
        queryset=queryset, loaders=writer.loaders, chunk_size=chunk_size
    ):
        # Pieces of about 64 kB: few writes for a streamed response, and bounded memory.
        pieces, size = [], 0
        for article in chunk:
            text = writer.story(article)
            pieces.append(text)
            size += len(text)
            if size >= PIECE_SIZE:
                yield "".join(pieces)
                pieces, size = [], 0
        if pieces:
            yield "".join(pieces)
        if progress is not None:
            progress(len(chunk))


def stories_export(
    *,
    queryset: QuerySet,
    fmt: str,
    out: TextIO,
    public_only: bool = True,
    bom: bool = False,
    chunk_size: int = CHUNK_SIZE,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the stories of ``queryset`` to ``out`` in format ``fmt``; return how many.

    ``public_only`` leaves links to unpublished stories out of the partner formats (CSV and
    ninjs); the JSON Lines record always carries every link, so that imports restore them.
    """
    count = 0

    def counted(n: int) -> None:
        nonlocal count
        count += n
        if progress is not None:
            progress(n)

    for text in stories_export_text(
        queryset=queryset,
        fmt=fmt,
        public_only=public_only,
        bom=bom,
        chunk_size=chunk_size,
        progress=counted,
    ):
        out.write(text)
    return count

"""A bundle is written in the memory of one chunk, however many stories it holds."""

import gc
import io
import tracemalloc

from taggit.models import Tag

from actors.models import Actor
from articles.models import Article
from exports.bundle.writing import bundle_export
from tests.exports.test_scale import add_stories


class Sink(io.RawIOBase):
    """An unseekable binary file that counts what is written and keeps none of it."""

    size = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.size += len(data)
        return len(data)


def bundle_peak() -> tuple[int, int]:
    gc.collect()
    sink = Sink()
    tracemalloc.start()
    try:
        bundle_export(queryset=Article.objects.published(), out=sink, chunk_size=100)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, sink.size


def test_peak_memory_does_not_grow_with_the_number_of_stories(db):
    Actor.objects.bulk_create(
        Actor(name=f"Acteur {n}", slug=f"acteur-{n}", name_folded=f"acteur {n}") for n in range(20)
    )
    actors = list(Actor.objects.all())
    tags = [Tag.objects.create(name=f"sujet {n}", slug=f"sujet-{n}") for n in range(5)]
    add_stories(20, 0, actors, tags)
    bundle_peak()  # warm up: imports, compiled patterns, content types
    add_stories(180, 20, actors, tags)
    small_peak, small_size = bundle_peak()
    add_stories(800, 200, actors, tags)
    large_peak, large_size = bundle_peak()
    assert large_size > 3 * small_size  # five times the stories, compressed...
    # ...within the memory of one chunk, give or take 25 %.
    assert large_peak < small_peak * 1.25, (small_peak, large_peak)

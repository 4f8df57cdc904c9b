"""Write batches on worker threads while the caller generates the next ones.

On PostgreSQL the database's own work (the full-text index above all) takes longer than
writing the prose, and happens in other processes: overlapping the two gains a third on two
cores (measured in docs/performance.md). Each thread has its own connection, so batches must
not depend on each other's rows; each is its own transaction.
"""

import queue
import threading
from collections import Counter
from collections.abc import Callable

from django.db import connections

from bench.synthetic.sink import Sink


def tune_session(connection) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Losing the last commits in a crash is harmless for generated data; waiting for
            # each batch's WAL flush is not.
            cursor.execute("SET synchronous_commit TO off")


class BatchWriters:
    """``submit(payload)`` calls ``write(sink, payload)`` on one of ``jobs`` threads (or at
    once, on the caller's sink, when ``jobs`` is 1); ``close()`` waits and re-raises the
    first error. ``on_written(counts, payload)`` runs after each batch, one at a time."""

    def __init__(
        self,
        *,
        write: Callable[[Sink, tuple], Counter],
        sink: Sink,
        using: str,
        jobs: int,
        on_written: Callable[[Counter, tuple], None],
    ):
        self.write, self.sink, self.using, self.on_written = write, sink, using, on_written
        self.lock = threading.Lock()
        self.error: BaseException | None = None
        self.queue = queue.Queue(maxsize=jobs) if jobs > 1 else None
        self.threads = []
        if self.queue is not None:
            self.threads = [threading.Thread(target=self._work, daemon=True) for _ in range(jobs)]
            for thread in self.threads:
                thread.start()

    def submit(self, payload: tuple) -> None:
        if self.queue is None:
            self._write(self.sink, payload)
            return
        if self.error is not None:
            self.close()
        self.queue.put(payload)

    def close(self) -> None:
        if self.queue is not None:
            for _ in self.threads:
                self.queue.put(None)
            for thread in self.threads:
                thread.join()
            self.queue = None
        if self.error is not None:
            raise self.error

    def _work(self) -> None:
        connection = connections[self.using]
        try:
            sink = Sink(using=self.using, method=self.sink.method)
            tune_session(connection)
            while (payload := self.queue.get()) is not None:
                if self.error is None:
                    self._write(sink, payload)
        except BaseException as error:  # reported to the caller by close()
            self.error = error
            while self.queue.get() is not None:  # keep draining so that submit() never blocks
                pass
        finally:
            connection.close()

    def _write(self, sink: Sink, payload: tuple) -> None:
        counts = self.write(sink, payload)
        with self.lock:
            self.on_written(counts, payload)

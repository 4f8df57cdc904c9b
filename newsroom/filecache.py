"""The page cache in files, culled now and then instead of listed on every write.

Django's FileBasedCache lists every file of the cache on each write to decide whether to cull.
With the page cache's 20,000 entries that listing took 24 ms of a story page's 36 ms miss
(profiled at 20,000 stories). Django offers no setting for it, hence this subclass: each
process lists the directory once every ``CULL_EVERY`` writes (``OPTIONS``; a tenth of
``MAX_ENTRIES`` by default), starting at a random point so that short-lived processes cull
too. Between two listings the cache outgrows ``MAX_ENTRIES`` by at most ``CULL_EVERY``
entries per process.
"""

import random
import threading

from django.core.cache.backends.filebased import FileBasedCache


class PageFileCache(FileBasedCache):
    def __init__(self, dir, params):
        super().__init__(dir, params)
        options = params.get("OPTIONS", {})
        self._cull_every = max(1, int(options.get("CULL_EVERY", self._max_entries // 10)))
        self._writes = random.randrange(self._cull_every)  # noqa: S311 - spreading, not secrecy
        self._writes_lock = threading.Lock()

    def _cull(self):
        with self._writes_lock:
            self._writes += 1
            due = self._writes >= self._cull_every
            if due:
                self._writes = 0
        if due:
            super()._cull()

"""A change sequence: eight bytes that every process of a machine shares and reads cheaply.

Used by the page cache's process-local tier (newsroom/localpages.py) to learn, with a memory
read rather than a round trip, that something changed since a copy was last checked.
"""

import mmap
import os
import secrets


class ChangeSequence:
    """Eight bytes shared by every process of the machine; any change gives a new value.

    A write is not atomic for a reader in another process, but a torn read only yields a
    value that matches no stored copy, which costs one round trip, never a stale page.
    """

    def __init__(self, path: str):
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if os.fstat(fd).st_size < 8:
                os.ftruncate(fd, 8)
            self._map = mmap.mmap(fd, 8)
        finally:
            os.close(fd)
        if self._map[:8] == bytes(8):
            self.advance()

    def value(self) -> bytes:
        return self._map[:8]

    def advance(self) -> None:
        self._map[:8] = secrets.token_bytes(8)

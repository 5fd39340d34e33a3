"""An endless stream for the tests of sources that never end (``/dev/zero``), failing the
test once read past any limit, where a reader that does not stop would run for ever."""

from __future__ import annotations

import io
import os
import threading
from pathlib import Path

#: Far more than a reader bounded as the limits below say ever reads.
READ_AT_MOST = 1_000_000


class Zeros(io.RawIOBase):
    """An endless stream of ``prefix`` then NULs; reading past ``READ_AT_MOST`` fails the
    test instead of running on."""

    def __init__(self, prefix: bytes = b"") -> None:
        self.prefix = prefix
        self.read_so_far = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        assert self.read_so_far < READ_AT_MOST, "read on past any limit"
        given = self.prefix[: len(buffer)]
        self.prefix = self.prefix[len(given) :]
        given += bytes(len(buffer) - len(given))
        buffer[: len(given)] = given
        self.read_so_far += len(given)
        return len(given)


class ZerosIntoPipe:
    """A writer filling the named pipe ``path`` with ``head`` then 10 MB of NULs (a
    bounded prefix of ``/dev/zero``) on a thread, until the reader closes it: ``written``
    says how much got through, ``end`` waits for the thread."""

    WRITES, SIZE = 100, 100_000

    def __init__(self, path: Path, head: bytes = b"") -> None:
        os.mkfifo(path)
        self.path, self.head, self.written = path, head, 0
        self.thread = threading.Thread(target=self._write, daemon=True)
        self.thread.start()

    def _write(self) -> None:
        try:
            with open(self.path, "wb") as out:
                out.write(self.head)
                for _ in range(self.WRITES):
                    out.write(bytes(self.SIZE))
                    self.written += self.SIZE
        except BrokenPipeError:
            pass

    def end(self) -> None:
        self.thread.join(timeout=60)

    @property
    def stopped_early(self) -> bool:
        """Whether the reader closed the pipe before all was written."""
        return self.written < self.WRITES * self.SIZE

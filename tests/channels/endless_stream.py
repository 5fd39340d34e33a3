"""An endless stream for the tests of sources that never end (``/dev/zero``), failing the
test once read past any limit, where a reader that does not stop would run for ever."""

from __future__ import annotations

import io

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

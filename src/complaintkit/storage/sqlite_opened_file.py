"""The file a SQLite store opened, and whether its path still names it.

A connection keeps the file it opened, whatever happens to its name: removed (a clean-up),
renamed, or replaced by a backup restored beside a running ``serve`` or ``tick --loop``,
it is still written, and SQLite says nothing in WAL mode. Every change made after that was
answered as stored and lost with the process — or, its log still named after the path,
read into the restored file, which then no longer read at all. Each write therefore looks,
before it commits, whether the path still names the file opened (one ``stat``), and is
refused when it does not.
"""

from __future__ import annotations

import os
from pathlib import Path

from complaintkit.errors import StorageError


def _identity(path: Path) -> tuple[int, int] | None:
    """The device and inode of the file at ``path``; None when no file is there."""
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return None
    return found.st_dev, found.st_ino


class OpenedFile:
    """The database file at ``path`` when the store opened it (just after its connection
    opened it)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        #: as SQLite keeps it: a relative path names the same file after a ``chdir``
        self._absolute = Path(os.path.abspath(path))
        self._identity = _identity(self._absolute)

    def check(self) -> None:
        """Raise ``StorageError`` unless ``path`` still names the file opened."""
        try:
            now = _identity(self._absolute)
        except OSError as exc:  # the folder made unreadable: whose file it is is unknown
            raise StorageError(
                f"{str(self.path)!r}: cannot look at the database file ({exc.strerror}); "
                "nothing was written"
            ) from None
        if now != self._identity:
            raise StorageError(
                f"{str(self.path)!r} was removed or replaced while this process had it open "
                "(a clean-up, a backup restored beside it); nothing was written: stop this "
                "process, and start it again once the file it should use is there"
            )

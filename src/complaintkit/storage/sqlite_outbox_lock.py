"""The SQLite store's delivery-worker lock: an exclusive ``flock`` on ``<file>-outbox.lock``.

The kernel drops it when the holder's process ends, however it ends. The lock is named
after the database's real path, so workers given it through a symlink or another spelling
of its path still wait for each other. A lock file removed while held (a clean-up of
``*.lock`` files, a restore beside a running worker) let a second worker create and lock a
new one while the first went on sending: the holder therefore checks, as it reads and
records deliveries, that the path still names the file it locked, and its pass ends when
it does not. The holder removes the file before it lets go, so none is left beside the
store, and only while the path still names the file it locked: a worker that opened the
removed file before then locks a file no path names, sees so, and makes a new one.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager

from complaintkit.errors import StorageError


def lock_path(database: str | os.PathLike[str]) -> str:
    return f"{os.path.realpath(database)}-outbox.lock"


def _same_file(fd: int, path: str) -> bool:
    try:
        named = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


@contextmanager
def hold(database: str | os.PathLike[str]) -> Iterator[int | None]:
    """The descriptor of the locked file for the block, or None when another live worker
    holds it."""
    path = lock_path(database)
    for _ in range(3):  # a file removed between our open and our lock is no lock: again
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:  # a read-only mount, a folder the worker may not write
            raise StorageError(
                f"cannot make the delivery workers' lock file {path}: {exc.strerror}; "
                "deliver writes it beside the database"
            ) from None
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield None
                return
            if _same_file(fd, path):
                try:
                    yield fd
                finally:
                    _remove_own(fd, path)
                return
        finally:
            os.close(fd)  # closing releases the lock
    yield None


def _remove_own(fd: int, path: str) -> None:
    """Remove the lock file while still holding it, unless another file took its place."""
    # removed a moment ago, or its folder made read-only: a lock file left is harmless
    if _same_file(fd, path):
        with contextlib.suppress(OSError):
            os.unlink(path)


def check_held(fd: int, database: str | os.PathLike[str]) -> None:
    """Raise unless the lock file locked as ``fd`` is still the one at its path."""
    path = lock_path(database)
    if not _same_file(fd, path):
        raise StorageError(
            f"the outbox lock {path} was removed or replaced while this worker held it; "
            "another worker may hold the outbox now: this pass ends, the next one sends "
            "what is still due"
        )

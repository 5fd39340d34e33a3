"""What keeps a SQLite store from being written, in the user's terms, and what to do.

SQLite says 'unable to open database file' on a read-only file system, 'attempt to write a
readonly database' in a folder the user may not write (it keeps its write-ahead log beside
the file), and opens a read-only file without a word, failing at the first write. Each is
named here before a command that writes opens the store, with the commands that only read,
which work on it as it is (``sqlite_read_only``).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Final

from complaintkit.errors import StorageError

#: The commands that open a store only to read it, as a user types them.
READING_COMMANDS: Final = (
    "report, replay, cases list/show/explain, audit verify/checkpoint, outbox and "
    "dead-letters list/count/show"
)
_BESIDE: Final = ("-wal", "-shm")
#: The longest suffix of the files kept beside a store: SQLite's ``-journal``, ``-wal``,
#: ``-shm``, and the delivery worker's ``-outbox.lock`` (``sqlite_outbox_lock``).
_LONGEST_BESIDE: Final = "-outbox.lock"


def on_read_only_file_system(path: Path) -> bool:
    """Whether the folder of ``path`` is on a file system mounted read-only."""
    try:
        return bool(os.statvfs(path.absolute().parent).f_flag & os.ST_RDONLY)
    except OSError:  # no such folder: that is said elsewhere
        return False


def refuse_unwritable(url: str, path: Path) -> None:
    """Raise a ``StorageError`` saying what is read-only and what to do, unless this user
    may write the store at ``path`` (or create it)."""
    folder = path.absolute().parent
    _refuse_a_name_too_long(url, path, folder)
    if not path.exists():
        if on_read_only_file_system(path):
            why = f"the folder {str(folder)!r} is on a read-only file system"
        elif not os.access(folder, os.W_OK | os.X_OK):
            why = f"this user may not create files in the folder {str(folder)!r}"
        else:
            return
        raise StorageError(f"{url!r}: cannot create {str(path)!r}: {why}; name a store elsewhere")
    if (unwritable := _unwritable(path, folder)) is not None:
        raise StorageError(
            f"{url!r}: cannot write {str(path)!r}: {unwritable}. Commands that only read it "
            f"({READING_COMMANDS}) work on it as it is"
        )


def _refuse_a_name_too_long(url: str, path: Path, folder: Path) -> None:
    """A name the file system takes for the store but not for the files kept beside it:
    SQLite says only 'unable to open database file', after making the store empty."""
    try:
        longest = os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError):  # no such folder (said elsewhere), or no limit told
        return
    size = len(os.fsencode(path.name))
    if size + len(_LONGEST_BESIDE) > longest:
        raise StorageError(
            f"{url!r}: cannot write {str(path)!r}: its name is {size} bytes, and the files "
            f"kept beside it ({path.name}-journal, -wal, -shm, {_LONGEST_BESIDE}) need at most "
            f"{len(_LONGEST_BESIDE)} more, past the {longest} bytes this file system allows in "
            f"a name; name the store at most {longest - len(_LONGEST_BESIDE)} bytes"
        )


def _unwritable(path: Path, folder: Path) -> str | None:
    """What keeps this user from writing the existing store at ``path``, and what to do."""
    name = path.name
    if on_read_only_file_system(path):
        return (
            "it is on a read-only file system; to change it, copy it (with its "
            f"{name}-wal, if there is one) to a file system you may write and give --db that "
            "copy, or remount this one read-write"
        )
    if not os.access(path, os.W_OK):
        mode = stat.filemode(path.stat().st_mode)
        return (
            f"the file is read-only for this user ({mode}); allow writing it "
            f"(chmod u+w {str(path)!r}), or run complaintkit as a user who may"
        )
    beside = [Path(f"{path}{suffix}") for suffix in _BESIDE]
    if not os.access(folder, os.W_OK | os.X_OK) and not all(os.access(b, os.W_OK) for b in beside):
        return (
            f"the folder {str(folder)!r} is read-only for this user, and SQLite keeps its "
            f"write-ahead log beside the file ({name}-wal, {name}-shm); allow writing the "
            f"folder (chmod u+w {str(folder)!r}), or move the store to one you may write"
        )
    for file in beside:
        if file.exists() and not os.access(file, os.W_OK):
            return (
                f"the file {file.name} beside it, SQLite's write-ahead log, is read-only for "
                f"this user; allow writing it (chmod u+w {str(file)!r}), or run complaintkit "
                "as the user who made it"
            )
    return None


def unreadable_log(path: Path) -> StorageError:
    """The error for a store on a read-only file system whose log holds changes the file
    does not, with no shared-memory file beside it that SQLite could read them through."""
    name = path.name
    return StorageError(
        f"cannot read {str(path)!r}: {name}-wal beside it holds changes not yet in the file, "
        f"and SQLite cannot read them without a {name}-shm, which it may not create on a "
        f"read-only file system; copy {name} and {name}-wal together to a folder you may "
        "write and give --db that copy"
    )

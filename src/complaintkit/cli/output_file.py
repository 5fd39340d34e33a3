"""A file an option names for output (``audit checkpoint --out``, ``report --html``), written
whole or not at all.

Writing it in place truncates it first: a full disk then leaves half a report, or nothing
of the checkpoint taken last week. So the text goes to a new file beside it that replaces it
once complete. A target that is not a regular file (``/dev/stdout``, a pipe) is written in
place, as replacing it would put a plain file where the device was.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

import click

from complaintkit.cli.context import sqlite_file
from complaintkit.policy.document import is_policy_file

#: ``-`` for an output file: standard output, as the tools a shell pipes into take it.
STANDARD_OUTPUT = Path("-")


def named_file(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
    """The callback of an option naming a file to write, whose type keeps the text given
    (``click.Path`` without ``path_type``): a blank one (``--html "$OUT"`` of an unset
    variable) is a usage error, where as a ``Path`` it was ``.``, a folder never named."""
    if value is None:
        return None
    if not value.strip():
        raise click.BadParameter("is blank; name the file to write", ctx, param)
    return Path(value)


def named_folder(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
    """``named_file`` for an option naming a folder to write in (``demo --out``, ``check
    --keep``): a blank one would have the command write in the folder it runs in."""
    if value is None:
        return None
    if not value.strip():
        raise click.BadParameter("is blank; name the folder to write in", ctx, param)
    return Path(value)


class OutputNotWritten(click.ClickException):
    """A file an option names could not be written (exit code 1, as any failure)."""


#: The files of a SQLite store besides the database itself.
_STORE_FILES = ("", "-wal", "-shm", "-journal")


def write_output(
    path: Path,
    text: str,
    option: str,
    store: str | None = None,
    inputs: Iterable[tuple[str, Path | None]] = (),
    replaced_by: str | None = None,
) -> None:
    """Write ``text`` to ``path`` as UTF-8, replacing what was there only once all of it is
    written; a failure is one error naming ``option`` and the file, and changes nothing.

    ``path`` naming the SQLite store the URL ``store`` names (or its journal), or a file
    the command read — ``inputs``, each an option or argument and its file (a policy
    folder: each policy file in it) — by any spelling, is a usage error: the page would
    replace every case, or the policy the next run needs. Any other file is replaced, as
    an earlier report there is meant to be, unless it is read-only (a usage error too), or
    ``replaced_by`` names the flag that must be given to replace one (an export)."""
    target = path.resolve()
    database = None if store is None else sqlite_file(store)
    if database is not None and _is_store(target, database):
        raise click.BadParameter(
            f"{str(path)!r} is the store --db names ({database}); writing there would "
            "replace every case: name another file",
            param_hint=option,
        )
    for name, read in inputs:
        if read is not None and _is_input(target, read):
            raise click.BadParameter(
                f"{str(path)!r} is {_input_file(read)} {name} names ({read}), which this "
                "command read; writing there would replace it: name another file",
                param_hint=option,
            )
    if replaced_by is not None and target.is_file():
        raise click.BadParameter(
            f"{str(path)!r} exists; add {replaced_by} to replace it, or name another file",
            param_hint=option,
        )
    if target.is_file() and _read_only(target):
        raise click.BadParameter(
            f"{str(path)!r} is read-only; writing there would replace it: make it writable "
            "first, or name another file",
            param_hint=option,
        )
    in_place = target.exists() and not target.is_file()
    try:
        if in_place:
            target.write_text(text, encoding="utf-8")
        else:
            _replace(target, text.encode("utf-8"))
    except OSError as exc:
        unchanged = "" if in_place else "; any file there is unchanged"
        raise OutputNotWritten(
            f"{option} {str(path)!r}: could not write it: {exc.strerror or exc}{unchanged}"
        ) from exc


def _read_only(target: Path) -> bool:
    """A file with no write permission bit (which ``os.access`` passes for root) or one
    this user may not write: the rename would replace it all the same, needing only the
    folder's permission, and lose what its owner kept from change on purpose."""
    no_write_bit = not target.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    return no_write_bit or not os.access(target, os.W_OK)


def _is_store(target: Path, database: Path) -> bool:
    for suffix in _STORE_FILES:
        held = Path(f"{database}{suffix}").resolve()
        if held == target:
            return True
        with contextlib.suppress(OSError):  # another hard link to it
            if held.exists() and target.exists() and os.path.samefile(held, target):
                return True
    return False


def _is_input(target: Path, read: Path) -> bool:
    if read.is_dir():  # a policy folder: the policy files in it (a new one is read next time)
        return target.is_relative_to(read.resolve()) and is_policy_file(target)
    if read.resolve() == target:
        return True
    with contextlib.suppress(OSError):  # another hard link to it
        return target.exists() and os.path.samefile(read, target)
    return False


def _input_file(read: Path) -> str:
    return "a policy file in the folder" if read.is_dir() else "the file"


def _replace(target: Path, data: bytes) -> None:
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(name, _mode(target))
        os.replace(name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise


def _mode(target: Path) -> int:
    """The permissions the file had, or those ``open()`` gives a new one (not mkstemp's 0600)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask

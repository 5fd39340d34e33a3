"""The e-mail channel: .eml files (one file or a folder of them), mbox files, Maildirs, and
a message (or an mbox) on standard input, as a mail server's delivery pipes it in."""

from __future__ import annotations

import errno
import mailbox
import os
import stat
import sys
from codecs import BOM_UTF8
from collections import Counter
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import BinaryIO

from complaintkit.channels.base import Rejected, channel_option, isolated
from complaintkit.channels.mail_date_zone import zone_names
from complaintkit.channels.mail_message import parse_mail
from complaintkit.channels.mail_size import (
    MAX_MESSAGE_BYTES,
    Endless,
    Oversized,
    endless_reason,
    max_bytes_option,
    oversized_reason,
    read_at_most,
)
from complaintkit.channels.mbox import endless_past, mbox_messages, mbox_stream
from complaintkit.errors import ConfigError
from complaintkit.model.complaint import Complaint

FORMATS = ("auto", "eml", "mbox", "maildir")
#: Where a message read from standard input is said to come from (as the jsonl channel).
STDIN = "<stdin>"


def detect_format(path: Path) -> str:
    """Maildir if the folder has cur/new/tmp, eml for other folders and single files, mbox
    for a file named so or that starts with a ``From `` line (after UTF-8's byte order
    mark, if any)."""
    if path.is_dir():
        return "maildir" if all((path / sub).is_dir() for sub in ("cur", "new")) else "eml"
    if path.suffix.lower() == ".mbox":  # text before its first separator is message #0
        return "mbox"
    with path.open("rb") as handle:
        start = handle.read(len(BOM_UTF8) + 5).removeprefix(BOM_UTF8)
        return "mbox" if start.startswith(b"From ") else "eml"


class MailChannel:
    """Reads ``source`` in ``format`` (``auto`` detects it); each message is one complaint,
    and one larger than ``max_bytes`` a dead letter (``mail_size``). ``zone`` says what an
    ambiguous zone name in a Date means (``{"CST": "+0800"}``, ``mail_date_zone``)."""

    #: A dead letter holds one message, whatever the container it came from: read again,
    #: it is detected as one (``channels.read_with``). The size limit reads no message
    #: otherwise: a letter keeps no oversized one.
    fetch_options = frozenset({"format", "max_bytes"})

    def __init__(
        self,
        *,
        format: str = "auto",
        channel: str = "email",
        max_bytes: int | str = MAX_MESSAGE_BYTES,
        zone: object = None,
    ) -> None:
        if format not in FORMATS:
            raise ConfigError(f"mail format {format!r} is unknown; use one of {', '.join(FORMATS)}")
        self.format = format
        self.channel = channel_option(channel)
        self.max_bytes = max_bytes_option(max_bytes)
        self.zones = {} if zone is None else zone_names(zone)
        #: where the message yielded last was read (``inbox.mbox#2``, a file's name): the
        #: run names a message the Desk refuses by it (a reply whose case is gone)
        self.location: str | None = None
        #: what the last ``read`` left unread of a folder of .eml files (mail saved as
        #: .msg, a subfolder): said on stderr, as no case or letter shows it
        self.unread: list[str] = []

    def read(self, source: str) -> Iterator[Complaint | Rejected]:
        self.unread = []
        if source == "-":  # a message a mail server pipes in (or an mbox)
            yield from self._items(self._stdin_messages())
            return
        path = Path(source)
        if not path.exists():
            raise ConfigError(f"mail source {source!r} does not exist")
        if not path.is_dir() and not path.is_file():  # a named pipe: its bytes come once
            with path.open("rb") as pipe:
                yield from self._items(self._streamed(pipe, path.name))
            return
        kind = detect_format(path) if self.format == "auto" else self.format
        if kind == "maildir" and not all((path / sub).is_dir() for sub in ("cur", "new")):
            what = "no Maildir (a folder holding cur/ and new/)"
        elif kind == "mbox" and path.is_dir():
            what = "a folder, and an mbox is one file"
        else:
            yield from self._items(self._messages(path, kind, path.name))
            return
        raise ConfigError(
            f"mail source {source!r} is {what}: it cannot be read with -o format={kind}; "
            "leave -o format out to read it as what it is"
        )

    def _stdin_messages(self) -> Iterator[tuple[str, bytes | OSError]]:
        """The messages of standard input, read as they come, never copied to disk."""
        return self._streamed(sys.stdin.buffer, STDIN)

    def _streamed(self, source: BinaryIO, name: str) -> Iterator[tuple[str, bytes | OSError]]:
        """The messages of ``source``, standard input or a named pipe (``<(zcat
        inbox.gz)``), read once as they come: an mbox split as it is read (an endless one
        would fill the disk), a message read no further than one byte past the limit. Its
        format is told from the bytes read, which are not read again."""
        if self.format == "maildir":
            what = "standard input" if name == STDIN else f"{name!r} is a named pipe: it"
            raise ConfigError(f"a Maildir is a folder: {what} holds a message or an mbox")
        head = source.read(len(BOM_UTF8) + 5)
        marked = head.removeprefix(BOM_UTF8).startswith(b"From ")
        if self.format == "mbox" or (self.format == "auto" and marked):
            for number, raw in mbox_stream(source, self.max_bytes, head):
                yield f"{name}#{number}", raw
            return
        rest = read_at_most(source, max(self.max_bytes - len(head), 0))
        whole = head + rest
        yield (
            name,
            Oversized() if isinstance(rest, Oversized) or len(whole) > self.max_bytes else whole,
        )

    def _items(
        self, messages: Iterator[tuple[str, bytes | OSError]]
    ) -> Iterator[Complaint | Rejected]:
        for where, raw in messages:
            self.location = where
            if isinstance(raw, Endless):
                yield Rejected(where, b"", endless_reason(endless_past(self.max_bytes)))
            elif isinstance(raw, Oversized):
                yield Rejected(where, b"", oversized_reason(self.max_bytes))
            elif isinstance(raw, OSError):
                reason = f"could not be read: {type(raw).__name__}: {raw.strerror or raw}"
                yield Rejected(where, b"", reason)
            else:
                yield isolated(where, raw, self.message, raw)

    def message(self, raw: bytes) -> Complaint:
        """One raw message as a complaint; ``InvalidInput`` names the header or part."""
        return parse_mail(raw, self.channel, self.zones)

    def _messages(self, path: Path, kind: str, name: str) -> Iterator[tuple[str, bytes | OSError]]:
        """Each message's location (in ``name``, the source's) and bytes, or the error that
        kept it from being read: one unreadable entry of a folder costs that entry, not the
        ones after it."""
        if kind == "eml":
            if not path.is_dir():  # named by the operator
                yield name, _read(path, self.max_bytes, listed=False)
                return
            in_folder = sorted(path.iterdir())
            self.unread = _unread(name, in_folder)
            for file in (f for f in in_folder if f.suffix.lower() == ".eml"):
                yield file.name, _read(file, self.max_bytes)
        elif kind == "mbox":
            for number, raw in mbox_messages(path, self.max_bytes):
                yield f"{name}#{number}", raw
        else:
            entries = _maildir_entries(path)
            keys = Counter(key for key, _ in entries)
            listed = {file for _, file in entries}
            for key, file in entries:
                # a key two files share names neither: each is named by its own file
                where = key if keys[key] == 1 else f"{file.parent.name}/{file.name}"
                yield f"{name}/{where}", _read_maildir(path, key, file, listed, self.max_bytes)


def _unread(name: str, entries: list[Path]) -> list[str]:
    """What says which of a folder's ``entries`` are no .eml file, so not read (hidden ones,
    such as .DS_Store, are no mail)."""
    unread = [
        f"{f.name}/" if f.is_dir() and not f.is_symlink() else f.name
        for f in entries
        if f.suffix.lower() != ".eml" and not f.name.startswith(".")
    ]
    if not unread:
        return []
    shown = ", ".join(unread[:5]) + (f" and {len(unread) - 5} more" if len(unread) > 5 else "")
    return [f"{name}: {len(unread)} entries are no .eml file and were not read: {shown}"]


def _maildir_entries(path: Path, only: str | None = None) -> list[tuple[str, Path]]:
    """Each message file of the Maildir ``path`` (or those keyed ``only``) with its key (a
    name in ``new`` or ``cur`` up to its flags; subfolders are not messages), in key order:
    read by ``_read``, which refuses what is no file of bytes. Two files may share a key (a
    sync tool's conflict copies, ``key:2,S`` and ``key:2,RS``): each is a message, where
    ``mailbox.Maildir`` keeps one of them. A ``cur`` or ``new`` that is a symbolic link is
    refused: its files may be anyone's."""
    mailbox.Maildir(path, create=False)  # no such folder: the mailbox module's error
    found: list[tuple[str, Path]] = []
    for sub in ("cur", "new"):
        if (path / sub).is_symlink():
            raise ConfigError(
                f"Maildir {str(path)!r}: {sub} is a symbolic link, which is not followed: "
                "the files it leads to may be anyone's; make it a folder"
            )
        for entry in os.listdir(path / sub):
            key = entry.split(mailbox.Maildir.colon)[0]
            if only in (None, key) and not (path / sub / entry).is_dir():
                found.append((key, path / sub / entry))
    return sorted(found)


def _read_maildir(
    path: Path, key: str, file: Path, listed: Collection[Path], limit: int
) -> bytes | OSError:
    """The message ``key`` of the Maildir ``path``, listed as ``file`` among the ``listed``
    ones: a mail client moves a message from new/ to cur/ when it is seen, and renames it
    when its flags change, without a lock, so a message gone from where it was listed is
    looked for by its key, in the one file of that key that was not listed."""
    read = _read(file, limit)
    for _ in range(_MOVES):
        if not isinstance(read, FileNotFoundError):
            return read
        try:
            now = _maildir_entries(path, key)
        except (OSError, mailbox.Error):  # the folder itself is gone: so is the message
            return read
        moved = [found for _, found in now if found not in listed]
        if len(moved) != 1:  # deleted, not moved (or which one it became is unsure)
            return read
        listed = {*listed, moved[0]}
        read = _read(moved[0], limit)
    return read


#: How many moves of one message, while it is read, are followed.
_MOVES = 3


#: What a folder entry that is no regular file is, by its ``stat`` mode.
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


_NO_WAIT = getattr(os, "O_NONBLOCK", 0)
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_SYMLINK = "is a symbolic link, which is not followed: a message is a file in the folder"


def _read(file: Path, limit: int, *, listed: bool = True) -> bytes | OSError:
    """The bytes of the message file ``file`` (``Oversized`` past ``limit``), or why it
    cannot be read. A file ``listed`` in a folder is opened without waiting and read only
    if it is a regular file: a named pipe named like a message waited for a writer
    forever, and a device (``/dev/zero``) is no message. A symbolic link there is not
    followed: whoever may write to the folder made any file the intake may read (a key,
    ``/etc/passwd``) a dead letter or a complaint."""
    if not listed:
        try:
            with file.open("rb") as handle:
                return read_at_most(handle, limit)
        except OSError as exc:
            return exc
    try:
        if file.is_symlink():  # O_NOFOLLOW refuses it as it opens, where there is one
            return OSError(errno.ELOOP, _SYMLINK)
        descriptor = os.open(file, os.O_RDONLY | _NO_WAIT | _NO_FOLLOW)
        with open(descriptor, "rb") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            if not stat.S_ISREG(mode):
                kind = next((what for test, what in _KINDS if test(mode)), "no regular file")
                return OSError(errno.EINVAL, f"is {kind}, not a message file")
            return read_at_most(handle, limit)
    except OSError as exc:  # a file gone (listed, then removed) or not readable
        return OSError(errno.ELOOP, _SYMLINK) if exc.errno == errno.ELOOP else exc

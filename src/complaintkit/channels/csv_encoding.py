"""What a CSV file's bytes say about the character set it is written in.

A header or row that is not text in the ``encoding`` the file is read with is named for
what it reads as instead (GB18030, UTF-16 with no byte order mark, Big5…), with the option
that reads it: a user who exported from Excel in China or Taiwan seldom knows the name of
the character set their sheet was saved in.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Iterator, Set

from complaintkit.channels.csv_names import header_names
from complaintkit.channels.files import marked_encoding, raw_bytes, undecodable
from complaintkit.channels.mail_charsets import SUGGESTED
from complaintkit.model.readable_as import (
    cut_short,
    is_utf8,
    misread,
    readable_as,
    utf8_cut_inside,
)
from complaintkit.model.unmarked_wide import unmarked_wide


def windows_for_latin1(encoding: str) -> str:
    """``cp1252`` for ISO-8859-1, under any of its names: Excel on Western Windows writes
    Windows-1252, whose curly quotes, dashes and euro sign Latin-1 reads as C1 control
    characters no one wrote (the WHATWG Encoding Standard reads the label so too)."""
    try:
        latin1 = codecs.lookup(encoding).name == "iso8859-1"
    except (LookupError, ValueError):  # the reader names what is wrong with it
        return encoding
    return "cp1252" if latin1 else encoding


def is_utf(encoding: str) -> bool:
    """Whether ``encoding`` is UTF-8, -16 or -32, in which a byte order mark is a character."""
    return codecs.lookup(encoding).name.startswith("utf")


def writes_a_mark(encoding: str) -> bool:
    """Whether ``encoding`` writes the byte order mark as a character, U+FEFF: UTF-8, -16
    and -32 do, and GB18030, whose mark is 84 31 95 33."""
    name = codecs.lookup(encoding).name
    return name.startswith("utf") or name == "gb18030"


def _read_with(meant: str) -> str:
    """What a row's reason advises when its bytes read as ``meant``."""
    return (
        f"; it reads as {meant}: read the file with -o encoding={meant} "
        f"(`dead-letters retry -o encoding={meant}` takes this row in)"
    )


def header_encoding_error(shown: str, text: str, encoding: str) -> str:
    """Why the header row ``text``, read from ``shown`` in ``encoding``, is no text in it,
    naming what it is instead; or ``""``."""
    start = raw_bytes(text[:4], encoding)
    if (marked := marked_encoding(start, encoding)) is not None:
        return (
            f"{shown} starts with the byte order mark of {marked}, not "
            f"{encoding} text: read it with -o encoding={marked}{_tabbed(text, encoding, marked)}"
        )
    if (bad := undecodable(text)) is not None:
        meant = readable_as(raw_bytes(text, encoding), encoding)
        return f"{shown}: the header row is not valid {encoding} (character {bad}); " + (
            f"it reads as {meant}: read the file with -o encoding={meant}"
            if meant
            else "name the file's character set with -o encoding=… (gb18030, utf-16, latin-1…)"
        )
    return ""


def _tabbed(text: str, encoding: str, marked: str) -> str:
    """`` -o delimiter=tab`` when the header ``text``, read in ``encoding`` from a file
    ``marked`` as another, holds tabs and no comma in that one: Excel's "Unicode Text" is
    UTF-16 with tabs, and the advice to read it so would otherwise fail again at once."""
    header = raw_bytes(text, encoding).decode(marked, errors="replace")
    return " -o delimiter=tab" if "\t" in header and "," not in header else ""


#: How much of a file's start, read as 8-bit text, is looked at for UTF-16 or UTF-32.
START_LOOKED_AT = 4096


class FileStart:
    """The lines of a file, keeping its first ones (up to ``START_LOOKED_AT`` characters)
    to look at when its header cannot be read. A wide file read as 8-bit text is split
    into lines at each byte 0x0A, which may be half of a character (上 is ``0a 4e`` in
    UTF-16-LE) or leave a line feed's NUL to the next line: its header line alone may not
    say what it is. Lines are read on only when asked (``text``): a file still written
    is read as far as its rows are."""

    def __init__(self, lines: Iterable[str]) -> None:
        self._lines = iter(lines)
        self._seen: list[str] = []
        self._size = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        if self._size < START_LOOKED_AT:
            self._seen.append(line)
            self._size += len(line)
        return line

    def text(self) -> str:
        """The file's start, read on to ``START_LOOKED_AT`` characters (or its end); the
        lines read on for it are no longer read as rows."""
        while self._size < START_LOOKED_AT and next(self, None) is not None:
            pass
        return "".join(self._seen)[:START_LOOKED_AT]


def unmarked_wide_start(shown: str, start: FileStart, encoding: str) -> str:
    """Why a file whose ``start``, read as 8-bit ``encoding``, reads as UTF-16 or UTF-32
    with no byte order mark cannot be read so, with the option that reads it; or ``""``."""
    if codecs.lookup(encoding).name.startswith(("utf-16", "utf-32")):
        return ""
    text = start.text()
    if "\x00" not in text or marked_encoding(raw_bytes(text[:4], encoding), encoding):
        return ""  # a byte order mark says what the file is (header_encoding_error)
    wide = unmarked_wide(raw_bytes(text, encoding))
    if wide is None:
        return ""
    return (
        f"{shown}: the header row reads as {wide} text with no byte order mark "
        f"(read as {encoding}, NULs part its characters): read the file "
        f"with -o encoding={wide}"
    )


def naming_charset(raw: bytes, delimiter: str, encoding: str, named: Set[str]) -> str | None:
    """The first charset records are written in, other than ``encoding``, in which ``raw``,
    a header's bytes, names every column in ``named``; or ``None``."""
    for charset in SUGGESTED:
        if codecs.lookup(charset).name == codecs.lookup(encoding).name:
            continue
        try:
            text = raw.decode(charset)
            values = next(csv.reader(io.StringIO(text), delimiter=delimiter), [])
        except (UnicodeDecodeError, csv.Error):
            continue
        if named <= set(header_names(values)):
            return charset
    return None


def is_wide(encoding: str) -> bool:
    """Whether ``encoding`` is UTF-16 or UTF-32, whose text holds NULs."""
    return codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))


def past_wide_line_ends(lines: Iterable[str]) -> Iterator[str]:
    """``lines`` of a narrow file, each without the NULs a wide little-endian line end
    before it leaves at its start: UTF-16-LE writes a line feed ``0A 00``, so read as 8-bit
    text the NUL begins the next line, and the good row after a joined wide one was refused
    for it. Only a line after one holding a NUL loses them, up to UTF-32's three, and only
    when no other NUL follows (a wide row stays whole, to be named)."""
    after_wide = False
    for line in lines:
        read = line
        if after_wide and line.startswith("\x00"):
            rest = line.lstrip("\x00")
            if len(line) - len(rest) <= 3 and "\x00" not in rest:
                read = type(line)(rest)  # a line cut short stays one
        after_wide = "\x00" in read and read.endswith("\n")
        yield read


def _wide_row(raw: bytes) -> str | None:
    """The wide encodings a row's ``raw`` bytes may be in, read as 8-bit text: as they
    are, and past a NUL before them, which a little-endian row split at its CR starts
    with (``\x00T\x00-`` reads as big-endian too, so both are named)."""
    found = dict.fromkeys(
        wide for wide in (unmarked_wide(raw), unmarked_wide(raw.lstrip(b"\x00"))) if wide
    )
    return " or ".join(found) or None


def row_encoding_error(text: str, encoding: str) -> str:
    """Why a row ``text``, read in ``encoding``, is not text in it (bytes it cannot
    decode, or characters no one writes together), with the charset it reads as; or ``""``."""
    raw = raw_bytes(text, encoding)
    if "\x00" in text and not is_wide(encoding) and not raw.strip(b"\x00\r\n"):
        return (
            "row is NULs and a line end alone: the rest of a UTF-16 or UTF-32 line end, "
            "which the CR before it ended a line (rows of a wide export joined to this file?)"
        )
    if "\x00" in text and not is_wide(encoding) and (wide := _wide_row(raw)) is not None:
        return (
            f"row holds NULs between its characters: it reads as {wide}, not {encoding} "
            f"(rows of a wide export joined to this file?): convert them to {encoding}; a "
            "file all in one wide encoding is read with -o encoding= naming it"
        )
    if (bad := undecodable(text)) is not None:
        reason = f"row is not valid {encoding} (character {bad} of the row)"
        if cut := _cut_short(raw, encoding):
            return f"{reason}: {cut}"
        meant = readable_as(raw, encoding)
        return reason + (_read_with(meant) if meant is not None else "")
    if (meant := misread(raw, encoding)) is not None:
        return f"row reads as {encoding} only as characters no one writes together" + _read_with(
            meant
        )
    return ""


def _cut_short(raw: bytes, encoding: str) -> str:
    """Why ``raw``, a row ``encoding`` does not read, is cut short inside a character, at
    the file's end or (UTF-8) inside the row: another charset would read the half
    character as a whole one, so none is advised; ``""`` when it is not."""
    if cut_short(raw, encoding):
        return "the file ends inside a character, cut short"
    if is_utf8(encoding) and utf8_cut_inside(raw) is not None:
        return (
            "it is UTF-8 with that character cut short, a byte of it lost, not another "
            "charset: mend that character"
        )
    return ""

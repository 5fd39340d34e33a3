"""Opening a channel's source file with an error that says which file and what to do."""

from __future__ import annotations

import codecs
import io
import os
import re
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any, BinaryIO, TextIO

from complaintkit.channels.mail_charsets import NOT_CHARSETS
from complaintkit.errors import ConfigError
from complaintkit.model.file_kinds import GZIP, OLD_OFFICE, SNIFFED, ZIP, file_kind, undecided
from complaintkit.model.readable_as import readable_as

#: A byte ``open_source`` could not decode, as the lone surrogate standing for it.
_ESCAPED = re.compile("[\udc00-\udcff]")
_ESCAPED_RUNS = re.compile("([\udc00-\udcff]+)")
#: The decoding error handler ``open_source`` reads with (see ``_escape_bytes``).
_ESCAPE = "complaintkit.escapebytes"


def _escape_bytes(error: UnicodeError) -> tuple[str, int]:
    """Each byte that cannot be decoded read as the lone surrogate U+DC00 + byte, as
    ``surrogateescape`` does — but for bytes below 128 too, which it refuses to escape:
    UTF-16 and UTF-32 read ASCII bytes in pairs and fours, so a half character holds one."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(chr(0xDC00 + byte) for byte in bad), error.end


codecs.register_error(_ESCAPE, _escape_bytes)


def _errors(encoding: str) -> str:
    """The error handler that reads ``encoding`` (a name ``_reading`` gave) as
    ``_escape_bytes`` says. For UTF-8 that is Python's own ``surrogateescape``: a byte UTF-8
    cannot decode is never below 128 (each ASCII byte is a character of its own), so it
    escapes exactly the same bytes the same way, in C, where ``_escape_bytes`` is called
    once per bad byte (a GBK file read as UTF-8: a call for nearly every byte)."""
    return "surrogateescape" if encoding == "utf-8-sig" else _ESCAPE


def source_named(source: str) -> str:
    """``source`` as an error names it: ``-``, standard input on the command line, is
    "standard input" (``Error: - is UTF-16`` reads as a stray dash)."""
    return "standard input" if source == "-" else source


@contextmanager
def open_source(
    source: str, kind: str, encoding: str = "utf-8", newline: str = ""
) -> Iterator[TextIO]:
    """Open ``source`` as text (``-`` is stdin); a missing file is a ``ConfigError``.
    Lines end as ``newline`` says (as ``open`` takes it; ``""``: LF, CRLF or a CR alone).

    Bytes that are not valid in ``encoding`` are read as lone surrogates
    (``_escape_bytes``), so one bad byte costs its record, not the file: ``raw_bytes``
    gives the record's bytes back exactly and ``undecodable`` finds the first bad one.
    A UTF-8 file may start with a byte order mark (Excel writes one); it is not text.
    A named pipe (``<(zcat rows.csv.gz)``) is read once, as stdin is: nothing goes back.
    """
    encoding = _reading(encoding)
    if source == "-":
        named = source_named(source)
        buffer, encoding = _cut_short_mark(_text_only(sys.stdin.buffer, named, kind), encoding)
        stdin = io.TextIOWrapper(
            _past_stray_utf8_mark(buffer, encoding),
            encoding=encoding,
            errors=_errors(encoding),
            newline=newline,
        )
        try:
            with _read_as(named, encoding):
                yield stdin
        finally:
            stdin.detach()  # sys.stdin stays open for whoever reads it next
        return
    try:
        binary = open(source, "rb")  # noqa: SIM115 -- closed below
    except OSError as exc:
        raise ConfigError(f"cannot open {kind} source {source!r}: {exc.strerror}") from None
    with binary:
        start = _peeked(binary) if encoding in _WIDE else b""
        buffer, encoding = _cut_short_mark(_text_only(binary, source, kind), encoding)
        handle = io.TextIOWrapper(
            _past_stray_utf8_mark(buffer, encoding),
            encoding=encoding,
            errors=_errors(encoding),
            newline=newline,
        )
        with handle, _read_as(source, encoding, start):
            yield handle


def _text_only(binary: BinaryIO, source: str, kind: str) -> BinaryIO:
    """``binary`` to read on, refused whole when it is no text (``model.file_kinds``): read
    as text, a workbook or a compressed export was a dead letter per stretch of bytes
    between line feeds. A pipe or standard input, which cannot go back, is read only as far
    as its start could still be one of them (what its writer has written so far), and
    those bytes are read again."""
    if binary.seekable():
        at = binary.tell()
        start = binary.read(SNIFFED)
        binary.seek(at)
    else:
        read, start = getattr(binary, "read1", binary.read), b""
        while undecided(start) and (piece := read(SNIFFED - len(start))):
            start += piece
        binary = io.BufferedReader(_ReadAgain(start, binary))
    what = file_kind(start)
    if what is not None:
        advice = _NOT_TEXT_ADVICE.get(what, "")
        raise ConfigError(f"{source!r} is {what}, not {kind} text{advice}")
    return binary


#: What to do with a source that is no text, by the start of what it is.
_AS_CSV = ": save the sheet as CSV (UTF-8) and take that in (--channel csv)"
_NOT_TEXT_ADVICE = {
    ZIP: _AS_CSV,
    OLD_OFFICE: _AS_CSV,
    GZIP: ": decompress it first (complaintkit intake <(zcat FILE))",
}


def _cut_short_mark(binary: BinaryIO, encoding: str) -> tuple[BinaryIO, str]:
    """``binary`` and the codec that reads it whole. Python's ``utf-8-sig`` decoder holds
    back a start that could still become the byte order mark and, when the source ends
    there (a file that is only ``\\xef`` or ``\\xef\\xbb``), gives nothing for it: those
    bytes are read as plain UTF-8 instead, escaped as any bad byte is, not lost."""
    if encoding != "utf-8-sig":
        return binary, encoding
    mark = len(codecs.BOM_UTF8)
    if binary.seekable():
        at = binary.tell()
        start = binary.read(mark)
        binary.seek(at)
    else:  # a pipe gives what its writer has written so far: read on to the mark's length
        read, start = getattr(binary, "read1", binary.read), b""
        while len(start) < mark and (piece := read(mark - len(start))):
            start += piece
        binary = io.BufferedReader(_ReadAgain(start, binary))
    if start and len(start) < mark and codecs.BOM_UTF8.startswith(start):
        return binary, "utf-8"
    return binary, encoding


#: How much of a file ``_past_stray_utf8_mark`` reads to tell UTF-8 text from other text.
_SNIFFED_BYTES = 65_536


def _past_stray_utf8_mark(binary: BinaryIO, encoding: str) -> BinaryIO:
    """``binary`` read past UTF-8's byte order mark, when the file is to be read in
    another encoding and the text after the mark is not UTF-8 — one tool wrote the mark and
    another the text (GBK after it), so the mark is no sign of what the text is. Over UTF-8
    text the mark stays, and the channel says to read the file as UTF-8.

    A named pipe or standard input piped in cannot go back: its start is read (``_start``)
    and read again before the rest (``_ReadAgain``). One look (``peek``) was not enough: a
    pipe gives what its writer has written so far, perhaps one byte of the mark."""
    if encoding.startswith("utf"):
        return binary
    if binary.seekable():  # from where it is: stdin may have been read from already
        at = binary.tell()
        start = binary.read(_SNIFFED_BYTES + len(codecs.BOM_UTF8))
        binary.seek(at + (len(codecs.BOM_UTF8) if _stray_mark(start) else 0))
        return binary
    start = _start(binary)
    skipped = len(codecs.BOM_UTF8) if _stray_mark(start) else 0
    return io.BufferedReader(_ReadAgain(start[skipped:], binary))


def _stray_mark(start: bytes) -> bool:
    """Whether ``start`` is UTF-8's byte order mark before text that is not UTF-8."""
    if not start.startswith(codecs.BOM_UTF8):
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(start[len(codecs.BOM_UTF8) :])
    except UnicodeDecodeError:
        return True
    return False


def _start(binary: BinaryIO) -> bytes:
    """The first bytes of a stream that cannot go back, read in the pieces it gives: as far
    as the mark's length, and, when they are the mark, on as far as a file's start is
    looked at (``_SNIFFED_BYTES`` after it) or to the stream's end, so that a pipe is read
    as the same bytes in a file are (a header of ASCII names is UTF-8; the rows may not be).
    """
    mark = len(codecs.BOM_UTF8)
    read = getattr(binary, "read1", binary.read)  # what one read of the pipe gives
    start = b""
    while len(start) < _SNIFFED_BYTES + mark and (
        len(start) < mark or start.startswith(codecs.BOM_UTF8)
    ):
        piece = read(_SNIFFED_BYTES + mark - len(start))
        if not piece:
            break
        start += piece
    return start


class _ReadAgain(io.RawIOBase):
    """The bytes ``head`` already taken from ``rest``, a stream that cannot go back, then
    the rest of it; closing it leaves ``rest`` open (standard input stays sys.stdin)."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._read = getattr(rest, "read1", rest.read)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            taken, self._head = self._head[: len(buffer)], self._head[len(buffer) :]
        else:
            taken = self._read(len(buffer))
        buffer[: len(taken)] = taken
        return len(taken)


#: The encodings whose byte order a file's mark must say.
_WIDE = ("utf-16", "utf-32")


def _peeked(binary: BinaryIO) -> bytes:
    """The first bytes of a file, read again after (nothing, from a stream that cannot go
    back)."""
    if not binary.seekable():
        return b""
    at = binary.tell()
    start = binary.read(_SNIFFED_BYTES)
    binary.seek(at)
    return start


def _eight_bit_hint(start: bytes) -> str:
    """What to give instead of UTF-16 or UTF-32 for a file starting with ``start``, which
    holds no NUL: the charset its whole lines read in."""
    lines = start[: start.rfind(b"\n") + 1] or start
    try:
        lines.decode("utf-8")
    except UnicodeDecodeError:
        meant = readable_as(lines, "utf-8")
    else:
        meant = "utf-8"
    if meant is None:
        return "name its character set with -o encoding=… (utf-8, gb18030, latin-1…)"
    return f"it reads as {meant}: read it with -o encoding={meant}"


@contextmanager
def _read_as(source: str, encoding: str, start: bytes = b"") -> Iterator[None]:
    """A codec that refuses the file as a whole — UTF-16 or UTF-32 with no byte order mark,
    which says the order of its bytes — as a ``ConfigError`` naming the file and what to
    give instead (8-bit text, whose ``start`` holds no NUL, its charset); a byte it cannot
    decode is escaped, never raised."""
    try:
        yield
    except UnicodeError as exc:
        if isinstance(exc, UnicodeDecodeError | UnicodeEncodeError):
            raise
        if encoding in _WIDE and start and b"\0" not in start:
            why = (
                "it holds no NUL byte, as 8-bit text does (UTF-16 has one beside each ASCII letter)"
            )
            hint = _eight_bit_hint(start)
        elif encoding in _WIDE:
            why = "it has no byte order mark"
            hint = f"name its byte order: -o encoding={encoding}-le (or -be)"
        else:  # a codec for other data than a file's text (idna, punycode)
            why = "that is no character set a file of text is written in"
            hint = "name the file's character set with -o encoding=… (utf-8, gb18030, latin-1…)"
        raise ConfigError(f"{source}: cannot be read as {encoding}: {why}; {hint}") from None


def known_size(handle: IO[Any]) -> int | None:
    """The size of the regular file ``handle`` reads, or ``None`` (a pipe, stdin, a
    device such as ``/dev/zero``: what they hold is known only once read)."""
    try:
        status = os.fstat(handle.fileno())
    except (OSError, ValueError):  # io.UnsupportedOperation is an OSError
        return None
    return status.st_size if stat.S_ISREG(status.st_mode) else None


def raw_bytes(text: str, encoding: str = "utf-8") -> bytes:
    """The bytes ``text`` was read from by ``open_source``, invalid ones included (all but
    a leading byte order mark)."""
    name = _writing(encoding)
    try:
        return text.encode(name, errors="surrogateescape")
    except UnicodeEncodeError:  # bytes below 128, or a UTF-16 or UTF-32 text: piece by piece
        return _escaped_back(text, name)


def _escaped_back(text: str, encoding: str) -> bytes:
    """``text`` in ``encoding``, each escaped byte as itself: an encoder takes no odd number
    of bytes from an error handler, so the escaped runs are written between its pieces."""
    encoder = codecs.getincrementalencoder(encoding)()  # a byte order mark once, if any
    out = bytearray()
    for number, piece in enumerate(_ESCAPED_RUNS.split(text)):
        escaped = number % 2  # split by a group: text, escaped run, text…
        out += bytes(ord(c) - 0xDC00 for c in piece) if escaped else encoder.encode(piece)
    return bytes(out + encoder.encode("", final=True))


def _reading(encoding: str) -> str:
    """The codec that reads ``encoding``: UTF-8 with or without a byte order mark."""
    try:
        name = codecs.lookup(encoding).name
    except (LookupError, ValueError):  # ValueError: a name holding NUL
        raise ConfigError(f"encoding {encoding!r} is unknown") from None
    try:
        "".encode(name)  # a bytes-to-bytes codec (rot13, hex, zlib) reads no text
        if name in NOT_CHARSETS:  # unicode_escape reads 牛 as three Latin-1 letters
            raise LookupError(name)
    except (LookupError, UnicodeError):  # UnicodeError: the codec named undefined
        raise ConfigError(
            f"encoding {encoding!r} is not a text encoding; name the file's character set "
            "(utf-8, gb18030, latin-1…)"
        ) from None
    return "utf-8-sig" if name == "utf-8" else name


def _writing(encoding: str) -> str:
    """The codec that gives read text back as bytes: no byte order mark added."""
    name = codecs.lookup(encoding).name
    return "utf-8" if name == "utf-8-sig" else name


#: Byte order marks, longest first (UTF-32's little-endian mark starts with UTF-16's).
_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def marked_encoding(start: bytes, encoding: str) -> str | None:
    """The encoding whose byte order mark a file starting with ``start`` begins with, when
    it is not ``encoding``: Windows tools write one, and it says what the file is."""
    for mark, marked in _MARKS:
        if start.startswith(mark):
            return None if codecs.lookup(marked).name == codecs.lookup(encoding).name else marked
    return None


def undecodable(text: str) -> int | None:
    """Index of the first byte ``open_source`` could not decode in ``text``, if any."""
    found = _ESCAPED.search(text)
    return None if found is None else found.start()

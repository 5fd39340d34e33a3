"""A CSV file split into records, each with the exact lines it was read from.

``csv.reader`` on its own takes a quote that is never closed as the start of a field running
to the end of the file: every row after it vanishes into that one field. Read strictly, the
unclosed quote is an error instead; it costs the line it opens on, and the lines after it
are read again as rows of their own. So does a quote that another row's quote closes lines
later, with text after it (``"x"y``): refused as one record, the whole rows between it and
that quote were kept inside one dead letter, and none became a case.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Iterator

import attrs

from complaintkit.channels.jsonl import endless_reason

UNCLOSED_QUOTE = "unreadable CSV: a quote opened on this row is never closed"
QUOTE_RUNS_ON = (
    f"unreadable CSV: a quote opened on this row is not closed within "
    f"{csv.field_size_limit():,} characters, the longest field read"
)
#: A line feed read one byte off in UTF-16 (``0A 00`` read from its second byte): a code
#: point Unicode leaves unassigned, so no text holds it.
LINE_FEED_BYTE_OFF = "\u0a00"
BYTE_OFF = (
    "row: holds a line end read one byte off (U+0A00): a byte was added to or lost from this "
    "UTF-16 file before it, so what follows reads as other characters (R as 刀); the rows "
    "after it are kept here too, as they were"
)


class CutLine(str):
    """A line cut short at the longest read: the rest of it was skipped, so its row is
    refused, keeping the part read."""

    __slots__ = ()


class EndlessLine(CutLine):
    """A line cut short that ran on with no end: nothing after it was read."""

    __slots__ = ()


@attrs.frozen
class Record:
    """One row as read: the line it starts on, its lines' exact text, and its fields —
    or, when the row cannot be parsed, ``error`` saying why."""

    line: int
    text: str
    values: list[str]
    error: str = ""
    #: The number (from 1) of a field longer than the reader takes, the row's ``error``.
    long_field: int | None = None


def records(lines: Iterable[str], delimiter: str, first: int = 1) -> Iterator[Record]:
    """Every record of ``lines`` (the header first), in order; lines are numbered from
    ``first``. The lines after a quote left open are read again, and those that make
    fewer fields than the header (the rest of a narrative cut short with the file) are
    kept in the open quote's record: one dead letter, not one a fragment. A line of it
    with commas enough to make as many is still read as a row of its own: it may be one."""
    width: int | None = None
    left_open: Record | None = None
    for record in _records(lines, delimiter, first):
        if left_open is not None:
            if width is not None and not _a_row(record, width, delimiter):
                text = left_open.text + record.text
                left_open = attrs.evolve(left_open, text=text)
                continue
            yield left_open
            left_open = None
        if width is None and not record.error:
            width = len(record.values)  # the header's
        if record.error == UNCLOSED_QUOTE and width is not None:
            left_open = record
            continue
        yield record
    if left_open is not None:
        yield left_open


def _records(lines: Iterable[str], delimiter: str, first: int) -> Iterator[Record]:
    """Every record of ``lines``; a quote left open costs the line it opens on, the
    lines after it read again."""
    source = _Lines(lines)
    reader = csv.reader(source, delimiter=delimiter, strict=True)
    number = first
    while True:
        try:
            values, error = next(reader), ""
        except StopIteration:
            return
        except csv.Error as exc:
            values, error = [], f"unreadable CSV: {exc}"
        taken = source.take()
        cut = next((line for line in taken if isinstance(line, CutLine)), None)
        if cut is not None:  # a row read in part: never taken in as if it were whole
            error = (
                endless_reason("row", len(cut))
                if isinstance(cut, EndlessLine)
                else f"row: a line is longer than {len(cut):,} characters (no row is); "
                "its first ones are kept"
            )
            yield Record(number, "".join(taken), [], error)
            number += len(taken)
            continue
        quote = _quote_left_open(taken, source.exhausted) if error else ""
        if error and not quote and len(taken) > 1:  # closed by a later row's quote, then text:
            quote = UNCLOSED_QUOTE  # on its own row, as it is read again, it is never closed
        if quote:  # its own line is the record; the lines after it are read again
            source.put_back(taken[1:])
            taken, error = taken[:1], quote
        text = "".join(taken)
        long = _long_field(text, delimiter) if error and not quote else None
        if long is not None:  # in our words, not the csv module's
            error = f"field {long} is longer than {csv.field_size_limit():,} characters, the longest read"
        elif not error and LINE_FEED_BYTE_OFF in text:  # the rest of the file as its text
            error = BYTE_OFF
        yield Record(number, text, values, error, long)
        number += len(taken)


def _a_row(record: Record, width: int, delimiter: str) -> bool:
    """Whether ``record`` reads as a row of ``width`` fields or more (a row with a comma
    too many is a dead letter of its own), or begins as one when it cannot be read (a
    quote of its own left open)."""
    if record.error:
        return _fields_begun(record.text, delimiter) >= width
    return len(record.values) >= width


def _fields_begun(text: str, delimiter: str) -> int:
    """How many fields the first line of ``text`` begins, read alone (a quote it leaves
    open ends a field at the line's end)."""
    line = text.split("\n", 1)[0]
    try:
        return len(next(csv.reader([line], delimiter=delimiter), []))
    except csv.Error:  # a field over the longest read: a row's, not a fragment's
        return sys.maxsize


def _long_field(text: str, delimiter: str) -> int | None:
    """The number (from 1) of the first field of the row ``text`` longer than the reader
    takes, or ``None``. Jumps from quote to quote and delimiter to delimiter: linear."""
    limit, end = csv.field_size_limit(), len(text.rstrip("\r\n"))
    start = number = 0
    while start <= end:
        number += 1
        stop = start
        if text.startswith('"', start):  # a quoted field: "" inside it is one quote
            stop = start + 1
            while (stop := text.find('"', stop)) != -1 and text.startswith('""', stop):
                stop += 2
            stop = end if stop == -1 else stop
        found = text.find(delimiter, stop, end)
        stop = end if found == -1 else found
        if stop - start > limit:
            return number
        start = stop + 1
    return None


def _quote_left_open(taken: list[str], exhausted: bool) -> str:
    """Why a record the reader refused is a quote left open, or ``""``: the quote ran to the
    end of the file (of its line, if the last), or over lines past the longest field the
    reader takes — it gives up there, long before the end of a large file."""
    if exhausted:
        return UNCLOSED_QUOTE
    if len(taken) > 1 and sum(map(len, taken)) > csv.field_size_limit():
        return QUOTE_RUNS_ON
    return ""


class _Lines:
    """The lines a ``csv.reader`` consumes, kept until taken; lines put back are read again."""

    def __init__(self, lines: Iterable[str]) -> None:
        self._lines = iter(lines)
        self._back: list[str] = []
        self._taken: list[str] = []
        self.exhausted = False

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self._back:
            line = self._back.pop()
        else:
            try:
                line = next(self._lines)
            except StopIteration:
                self.exhausted = True
                raise
        self._taken.append(line)
        return line

    def take(self) -> list[str]:
        taken, self._taken = self._taken, []
        return taken

    def put_back(self, lines: list[str]) -> None:
        self._back.extend(reversed(lines))
        self.exhausted = False

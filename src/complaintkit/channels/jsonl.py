"""The JSON-lines channel: one complaint object per line, as ``Complaint.to_json`` writes it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import attrs

from complaintkit.channels.base import Rejected, channel_option, isolated
from complaintkit.channels.cr_ended_lines import CR_ENDED, ended_by_cr
from complaintkit.channels.files import (
    known_size,
    marked_encoding,
    open_source,
    raw_bytes,
    source_named,
)
from complaintkit.channels.http_body import record_in_channel
from complaintkit.errors import ConfigError
from complaintkit.model.complaint import Complaint, shows_nothing
from complaintkit.model.jsonvalues import parse_json
from complaintkit.model.unmarked_wide import unmarked_wide

#: The longest line read whole. No complaint is near it (its text holds at most 100,000
#: characters); a longer line is a dead letter keeping its first ``MAX_LINE_CHARS``, and the
#: rest of it is skipped as it is read, so an endless line (``/dev/zero``) holds no more.
MAX_LINE_CHARS = 16 * 1024 * 1024
#: How much of a line past ``MAX_LINE_CHARS`` is skipped, looking for its end, in a source
#: of no known size (a pipe, standard input, ``/dev/zero``; a regular file is skipped in to
#: its size): a line running on past it is taken for one that never ends, and the source
#: is read no further. Reading it takes a second or two.
MAX_SKIPPED_CHARS = 16 * MAX_LINE_CHARS


#: What ends a line of a CSV file: LF, CRLF, or a CR alone (old Mac exports).
CSV_ENDS = ("\n", "\r")
#: What ends a JSON line: LF (CRLF too, its CR being JSON whitespace). A CR alone is JSON
#: whitespace, no line end (jsonlines.org): as one, it split a record in two dead letters
#: and every line number after it disagreed with ``grep -n`` and editors.
JSON_ENDS = ("\n",)

#: How a line was read (``bounded_lines``): whole, cut at ``MAX_LINE_CHARS`` and the rest
#: skipped, or cut with no end found (``MAX_SKIPPED_CHARS``), the last line read.
WHOLE, CUT, ENDLESS = "", "cut", "endless"


def endless_reason(record: str, kept: int) -> str:
    """Why a ``record`` (``line``, ``row``) whose line was read ``ENDLESS`` is refused,
    ``kept`` characters of it kept."""
    return (
        f"{record}: a line runs on past {MAX_LINE_CHARS + MAX_SKIPPED_CHARS:,} characters "
        f"with no end (an endless stream, such as /dev/zero); its first {kept:,} are kept "
        "and the source is read no further"
    )


def grown_while_read(source: str, number: int) -> str:
    """What says line ``number`` of ``source`` was left for the next run (``bounded_lines``)."""
    return (
        f"{source}:{number}: the last line had no line end yet and the file grew while it "
        "was read (a writer at work): held for the next run, which reads it whole"
    )


def bounded_lines(
    handle: TextIO, ends: tuple[str, ...] = CSV_ENDS, held: list[int] | None = None
) -> Iterator[tuple[str, str]]:
    """Each line of ``handle`` (opened so that its lines end as ``ends`` say) and how it
    was read (``WHOLE``, ``CUT`` or ``ENDLESS``, after which nothing more is read).

    A file may still be written while it is read. A last line with no line end is joined
    with whatever the writer added to it while it was read, never cut in two; if the file
    changed size while it was read, the writer is at work and that line is left for the
    next run, which reads it whole (the lines before it find their cases by their keys),
    and its number is added to ``held``, so that the run can say so. A file that did not change is read to its end, its last line with or without a line
    end, and no further: what a writer adds later is the next run's."""
    limit = MAX_LINE_CHARS
    size = known_size(handle)
    number = 0
    while line := handle.readline(limit):
        number += 1
        while len(line) < limit and not line.endswith(ends):
            more = handle.readline(limit - len(line))
            if not more:
                break
            line += more
        if len(line) < limit and not line.endswith(ends):  # the end of the file, for now
            if known_size(handle) == size:
                yield line, WHOLE
            elif held is not None:
                held.append(number)
            return
        if len(line) < limit or line.endswith(ends):
            yield line, WHOLE
            continue
        rest = handle.readline(limit)
        if not rest:  # exactly the longest, at the end of the file
            yield line, WHOLE
            return
        skipped = len(rest)
        while rest and not rest.endswith(ends):
            if skipped > max(size or 0, MAX_SKIPPED_CHARS):
                yield line, ENDLESS
                return
            rest = handle.readline(limit)  # the rest of the line, read and dropped
            skipped += len(rest)
        yield line, CUT


def _not_utf8(line: str) -> tuple[str, str] | None:
    """The encoding a file whose first line is ``line`` is in, when it is no UTF-8, and how
    that shows: the byte order mark of UTF-16 or UTF-32, or with none, NULs between its
    characters read as UTF-8 (no JSON holds a raw NUL)."""
    raw = raw_bytes(line)
    if (marked := marked_encoding(raw[:4], "utf-8")) is not None:
        return marked, "it starts with its byte order mark"
    if "\x00" in line and (wide := unmarked_wide(raw)) is not None:
        return wide, "it has no byte order mark; read as UTF-8, NULs part its characters"
    return None


class JsonLinesChannel:
    """Reads ``source`` (a file, or ``-`` for stdin); ``channel`` fills in a missing
    ``channel`` field so producers need not repeat it on every line.

    A file's last line with no line end that does not parse is a writer's half line (it
    paused mid-line): it is held, not dead-lettered, and said so in ``held``; the next run
    reads it ended. ``complete`` says the file is written whole, so that line is all there
    is and a dead letter; standard input, read to its end, is complete."""

    #: Whether the file is written whole says how to read it, not how one record reads: a
    #: letter holds one record, and is read again complete (``dead-letters retry``).
    fetch_options = frozenset({"complete"})

    def __init__(self, channel: str | None = None, complete: bool = False) -> None:
        self.channel = None if channel is None else channel_option(channel)
        self.complete = complete
        #: Where the line yielded last was read (``in.jsonl:3``), and its bytes.
        self.location: str | None = None
        self.raw: bytes | None = None
        #: Why each half line the last ``read`` met was held for the next run.
        self.held: list[str] = []

    def read(self, source: str) -> Iterator[Complaint | Rejected]:
        name = "<stdin>" if source == "-" else Path(source).name
        with open_source(source, "jsonl", newline="\n") as handle:
            half: list[int] = []  # the number of a line left for the next run
            lines = bounded_lines(handle, JSON_ENDS, half)
            for number, (line, cut) in enumerate(lines, start=1):
                other = _not_utf8(line) if number == 1 else None
                if other is not None:
                    marked, how = other
                    raise ConfigError(
                        f"{source_named(source)} is {marked.upper()} ({how}); "
                        f"JSON lines are UTF-8: convert it (iconv -f {marked} -t utf-8)"
                    )
                if shows_nothing(line):  # blank, or a mark alone (`cat` of an empty file)
                    continue
                raw = raw_bytes(line.rstrip("\r\n"))
                self.location, self.raw = f"{name}:{number}", raw
                if cut == ENDLESS:
                    yield Rejected(self.location, raw, endless_reason("line", len(line)))
                    continue
                if cut:
                    reason = (
                        f"line: is longer than {MAX_LINE_CHARS:,} characters (no complaint is); "
                        "its first ones are kept"
                    )
                    yield Rejected(self.location, raw, reason)
                    continue
                item = isolated(self.location, raw, self.complaint, raw)
                crs = isinstance(item, Rejected) and ended_by_cr(raw)  # whole records, no half
                if isinstance(item, Rejected) and crs:
                    item = attrs.evolve(item, reason=f"{item.reason}; {CR_ENDED}")
                if isinstance(item, Rejected) and not (
                    crs or line.endswith(JSON_ENDS) or self._whole(source, handle)
                ):
                    self.held.append(
                        f"{source}:{number}: the last line has no line end and does not parse "
                        "(a writer may be at work): held for the next run; -o complete=yes "
                        "dead-letters it"
                    )
                    return
                yield item
            self.held += [grown_while_read(source, number) for number in half]

    def _whole(self, source: str, handle: TextIO) -> bool:
        """Whether ``source`` is said to hold all it ever will: standard input, or a named
        pipe (``<(zcat day.jsonl.gz)``), has ended and cannot be read again."""
        return self.complete or source == "-" or known_size(handle) is None

    def complaint(self, raw: bytes) -> Complaint:
        """One line as a complaint; ``InvalidInput`` names the offending field. With
        ``channel`` set, a line naming another channel is refused: the channel half of an
        idempotency key is the source's, as over HTTP and on a message stream."""
        return Complaint.from_json(self._record(raw))

    def _record(self, raw: bytes) -> dict[str, Any]:
        if self.channel is None:
            return parse_json(raw, "line")  # type: ignore[no-any-return]
        setter = f"the channel option (-o channel={self.channel})"
        return record_in_channel(raw, self.channel, "line", setter)

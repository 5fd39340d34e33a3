"""The JSON-lines channel: one complaint object per line, as ``Complaint.to_json`` writes it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from complaintkit.channels.base import Rejected, channel_option, isolated
from complaintkit.channels.files import marked_encoding, open_source, raw_bytes
from complaintkit.channels.http_body import record_in_channel
from complaintkit.errors import ConfigError
from complaintkit.model.complaint import Complaint
from complaintkit.model.jsonvalues import parse_json

#: The longest line read whole. No complaint is near it (its text holds at most 100,000
#: characters); a longer line is a dead letter keeping its first ``MAX_LINE_CHARS``, and the
#: rest of it is skipped as it is read, so an endless line (``/dev/zero``) holds no more.
MAX_LINE_CHARS = 16 * 1024 * 1024


def bounded_lines(handle: TextIO) -> Iterator[tuple[str, bool]]:
    """Each line of ``handle`` and whether it was cut at ``MAX_LINE_CHARS``."""
    limit = MAX_LINE_CHARS
    while line := handle.readline(limit):
        if len(line) < limit or line.endswith(("\n", "\r")):
            yield line, False
            continue
        rest = handle.readline(limit)
        if not rest:  # exactly the longest, at the end of the file
            yield line, False
            return
        while rest and not rest.endswith(("\n", "\r")):
            rest = handle.readline(limit)  # the rest of the line, read and dropped
        yield line, True


class JsonLinesChannel:
    """Reads ``source`` (a file, or ``-`` for stdin); ``channel`` fills in a missing
    ``channel`` field so producers need not repeat it on every line."""

    def __init__(self, channel: str | None = None) -> None:
        self.channel = None if channel is None else channel_option(channel)
        #: Where the line yielded last was read (``in.jsonl:3``).
        self.location: str | None = None

    def read(self, source: str) -> Iterator[Complaint | Rejected]:
        name = "<stdin>" if source == "-" else Path(source).name
        with open_source(source, "jsonl") as handle:
            for number, (line, cut) in enumerate(bounded_lines(handle), start=1):
                marked = marked_encoding(raw_bytes(line[:4]), "utf-8") if number == 1 else None
                if marked is not None:
                    raise ConfigError(
                        f"{source} is {marked.upper()} (it starts with its byte order mark); "
                        f"JSON lines are UTF-8: convert it (iconv -f {marked} -t utf-8)"
                    )
                if not line.strip():
                    continue
                raw = raw_bytes(line.rstrip("\r\n"))
                self.location = f"{name}:{number}"
                if cut:
                    reason = (
                        f"line: is longer than {MAX_LINE_CHARS:,} characters (no complaint is); "
                        "its first ones are kept"
                    )
                    yield Rejected(self.location, raw, reason)
                    continue
                yield isolated(self.location, raw, self.complaint, raw)

    def complaint(self, raw: bytes) -> Complaint:
        """One line as a complaint; ``InvalidInput`` names the offending field. With
        ``channel`` set, a line naming another channel is refused: the channel half of an
        idempotency key is the source's, as over HTTP and on a message stream."""
        if self.channel is None:
            return Complaint.from_json(parse_json(raw, "line"))
        setter = f"the channel option (-o channel={self.channel})"
        return Complaint.from_json(record_in_channel(raw, self.channel, "line", setter))

"""A bound on the lines of one SMTP reply, and a reply's words on one line.

smtplib keeps every line of a reply until one ends it (``250 …`` after ``250-…`` lines), with
no limit on their number: a server sending continuation lines without end (broken, or
hostile) filled the worker's memory — hundreds of megabytes a second on a fast link — until
the attempt's time ran out. An ``EHLO`` reply lists a server's extensions in a few dozen.
"""

from __future__ import annotations

from typing import BinaryIO

#: The most lines one reply may have; one longer fails the attempt, retried later.
MAX_REPLY_LINES = 512


class ReplyLines:
    """The server's stream, read a line at a time, refusing a reply of more than
    ``MAX_REPLY_LINES`` lines by an ``OSError`` (smtplib: the connection is closed)."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.continued = 0  # continuation lines of the reply being read
        self.last = b""  # the line read last, as the server sent it

    def readline(self, limit: int = -1) -> bytes:
        line = self.last = self.stream.readline(limit)
        self.continued = self.continued + 1 if line[3:4] == b"-" else 0
        if self.continued >= MAX_REPLY_LINES:
            raise OSError(f"the server's reply went on for more than {MAX_REPLY_LINES} lines")
        return line

    def close(self) -> None:
        self.stream.close()


def one_line(reply: bytes | str) -> str:
    """A reply of several lines (``550-…`` then ``550 …``, which smtplib joins with line
    breaks) as one line, its lines' words joined by spaces: it becomes a delivery's reason,
    one line in the outbox listing, a log line and a dead letter."""
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return " ".join(line.strip() for line in text.splitlines() if line.strip())

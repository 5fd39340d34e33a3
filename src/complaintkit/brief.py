"""Error messages cut to a length a reader, a log line and a dead letter's reason can hold.

A refusal quotes what it refused; a value of a megabyte (a customer id in a CSV record, a
field of a request) quoted whole makes a megabyte of message on stderr, in the logs and in
every dead letter's reason. What is kept is the start (what is wrong) and the end (what to
do); the refused input itself is kept elsewhere whole (a dead letter's raw input).
"""

from __future__ import annotations

from typing import Final

#: The most characters of an error's message: its start and end are kept.
MESSAGE_CHARS: Final = 600


def brief(message: str, limit: int = MESSAGE_CHARS) -> str:
    """``message`` cut in the middle to ``limit``, saying how much was left out."""
    if len(message) <= limit:
        return message
    kept = limit - 40  # room for the note of what was left out
    head, tail = kept // 2, kept - kept // 2
    left_out = len(message) - kept
    return f"{message[:head]} ... ({left_out} characters left out) ... {message[-tail:]}"


def brief_lines(message: str, limit: int) -> str:
    """``message`` with each of its lines cut to ``limit`` as ``brief`` cuts one: a message
    listing many problems, a line each, keeps them all."""
    return "\n".join(brief(line, limit) for line in message.split("\n"))

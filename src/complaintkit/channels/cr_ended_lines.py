"""JSON lines ended by a CR alone, which read as one line holding two records.

A CR alone is JSON whitespace, no line end (jsonlines.org), so a file exported with classic
Mac line ends, or one line so ended among LF ones, reads its records run together: the
dead letter's "more follows its value" names no cause, and a retry meets it again. A line
whose pieces between CRs are each a JSON object was such records: its reason says so.
"""

from __future__ import annotations

import json

#: What a line ``ended_by_cr`` is told.
CR_ENDED = (
    "its records are ended by a CR alone (a classic Mac export), which is no line end in "
    "JSON lines: end them with LF (tr '\\r' '\\n' < in.jsonl > fixed.jsonl) and read that"
)


def ended_by_cr(raw: bytes) -> bool:
    """Whether ``raw``, a line that is no JSON value, is two JSON objects or more, each
    ended by a CR alone."""
    pieces = [piece for piece in raw.split(b"\r") if piece.strip()]
    return len(pieces) > 1 and all(map(_an_object, pieces))


def _an_object(piece: bytes) -> bool:
    try:
        return isinstance(json.loads(piece), dict)
    except ValueError:  # no JSON, or bytes that are no UTF-8
        return False

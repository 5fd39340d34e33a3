"""Stored text in one row of an operator's listing (``complaintkit.visible`` shows it)."""

from __future__ import annotations

from complaintkit.visible import shown

#: The most of one stored text a one-row view shows: a reason quoting a 5 MB field would
#: bury every other row (the whole text stays in the store, and ``dead-letters show``).
ROW_CHARS = 300


def in_row(text: str) -> str:
    """``text`` for one row of a listing: control characters and line breaks escaped,
    and cut at ``ROW_CHARS`` saying how much more there is."""
    if len(text) > ROW_CHARS:
        text = f"{text[:ROW_CHARS]}… ({len(text) - ROW_CHARS:,} more characters)"
    return shown(text, lines=False)

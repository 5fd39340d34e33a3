"""Stored text as it may reach an operator's terminal.

Subjects, texts and names come from senders. Written raw, an escape sequence in them
(``ESC ] 0;…BEL`` retitles the window, ``ESC [ 2J`` clears it, and survives a pipe into
a log viewer) would act on the operator's terminal; shown here, every control character
is a visible ``\\x1b``. JSON output is left exact: a program reads it, not a terminal.
"""

from __future__ import annotations

import re

#: C0 controls but tab and newline, DEL, the C1 controls (0x9b is a one-byte CSI), and the
#: bidi overrides and isolates, which reorder what follows them ("\u202egnp.exe").
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_OR_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def shown(text: str, *, lines: bool = True) -> str:
    """``text`` with control characters as ``\\xNN`` (bidi marks ``\\u202e``) escapes; tab
    and newline are kept when ``lines`` (a multi-line field of its own), escaped too when
    the text sits in one row."""
    control = _CONTROL if lines else _CONTROL_OR_LINE
    return control.sub(lambda found: found.group().encode("unicode_escape").decode(), text)


#: The most of one stored text a one-row view shows: a reason quoting a 5 MB field would
#: bury every other row (the whole text stays in the store, and ``dead-letters show``).
ROW_CHARS = 300


def in_row(text: str) -> str:
    """``text`` for one row of a listing: control characters and line breaks escaped,
    and cut at ``ROW_CHARS`` saying how much more there is."""
    if len(text) > ROW_CHARS:
        text = f"{text[:ROW_CHARS]}… ({len(text) - ROW_CHARS:,} more characters)"
    return shown(text, lines=False)

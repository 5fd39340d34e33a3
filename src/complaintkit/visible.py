"""Stored text as it may reach a terminal: shown, never acted on.

Subjects, texts and names come from senders. Written raw, an escape sequence in them
(``ESC ] 0;…BEL`` retitles the window, ``ESC [ 2J`` clears it, and survives a pipe into
a log viewer) would act on the operator's terminal, and a bidi override reorders what
follows it (``invoice\\u202egnp.exe`` reads ``invoiceexe.png``). Shown here, every such
character is a visible escape. JSON output is left exact: a program reads it, not a
terminal.
"""

from __future__ import annotations

import re

#: C0 controls but tab and newline, DEL, the C1 controls (0x9b is a one-byte CSI), and the
#: bidi overrides and isolates; in one row, every line break too, the line and paragraph
#: separators (U+2028, U+2029) with them: a log viewer or editor breaks lines there.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_OR_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]")


def shown(text: str, *, lines: bool = True) -> str:
    """``text`` with control characters as ``\\xNN`` (bidi marks ``\\u202e``) escapes; tab
    and newline are kept when ``lines`` (a multi-line field of its own), escaped too when
    the text sits in one row or one table cell."""
    control = _CONTROL if lines else _CONTROL_OR_LINE
    return control.sub(lambda found: found.group().encode("unicode_escape").decode(), text)

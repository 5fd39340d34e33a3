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
#: What draws nothing, and is no joiner an emoji sequence or a joining script needs: the
#: soft hyphen, the combining grapheme joiner, the Hangul fillers, the Arabic letter mark,
#: the zero width space, the direction marks, the word joiner and invisible operators, and
#: the byte order mark (a zero width no-break space).
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u115f\u1160\u061c\u180e\u200b\u200e\u200f\u2060-\u2064\u3164\ufeff\uffa0]"
)


def shown(text: str, *, lines: bool = True, invisible: bool = False) -> str:
    """``text`` with control characters as ``\\xNN`` (bidi marks ``\\u202e``) escapes; tab
    and newline are kept when ``lines`` (a multi-line field of its own), escaped too when
    the text sits in one row or one table cell. With ``invisible``, so are the characters
    that draw nothing (``_INVISIBLE``): a name shown beside its twin without one, as a
    report's rows are, reads as another name."""
    control = _CONTROL if lines else _CONTROL_OR_LINE
    text = control.sub(_escaped, text)
    return _INVISIBLE.sub(_escaped, text) if invisible else text


def _escaped(found: re.Match[str]) -> str:
    return found.group().encode("unicode_escape").decode()

"""A stored text as ``cases show`` prints it: cut to a bounded length, saying how long it
is and where it is whole. A note or reason may hold 100,000 characters, an edited body
megabytes; printed whole, one event fills the terminal (and a pipe) and the history around
it is lost. ``--json`` and ``cases export`` keep every text whole."""

from __future__ import annotations

from complaintkit.graphemes import shortened
from complaintkit.visible import shown

#: The most characters of one text shown in a history line.
MOST_SHOWN = 500


def cut_text(text: str, case_id: str) -> str:
    """``text`` as one row shows it (``shown``), whole up to ``MOST_SHOWN`` characters;
    longer, its start, its length and the command that writes it whole."""
    if len(text) <= MOST_SHOWN:
        return shown(text, lines=False)
    start = shortened(text[: MOST_SHOWN * 2], MOST_SHOWN)  # never walk megabytes of marks
    return (
        f"{shown(start, lines=False)} [{len(text):,} characters in all; "
        f"`complaintkit cases export {case_id}` writes it whole]"
    )

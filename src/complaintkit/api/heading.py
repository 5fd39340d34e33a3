"""The status page's heading for a complaint without a subject: its text's first characters.

Cut at a fixed number of code points, the text would lose half of what a reader sees as one
character — an emoji family's last faces after a dangling zero-width joiner, a flag's
second regional indicator, a combining accent — so the cut falls between such clusters
(``graphemes``), and an ellipsis says the text goes on.
"""

from __future__ import annotations

from typing import Final

from complaintkit.graphemes import shortened

#: The most code points of the text the heading shows.
HEADING_LENGTH: Final = 60


def heading_of(text: str) -> str:
    """``text`` whole if it is short, else its first whole clusters within
    ``HEADING_LENGTH`` code points and "…" (a plain cut if one cluster is longer)."""
    return shortened(text, HEADING_LENGTH)

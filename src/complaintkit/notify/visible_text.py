"""Customer text made safe to show in a mail: no invisible controls, no reordering.

A complaint's subject or name reaches a mail's Subject, its To display name and its body.
Control characters there (an ANSI escape, a NUL) and the bidi overrides and isolates that
reorder what a reader sees (``\u202egnp.exe`` reads as ``exe.png``) are replaced by a visible
``[U+XXXX]``, so the reader sees that something was there and nothing is reordered.
"""

from __future__ import annotations

import re

#: C0 controls, DEL, C1 controls, and the bidi embeddings, overrides and isolates.
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str, *, keep: str = "") -> str:
    """``text`` with every hidden character but those in ``keep`` shown as ``[U+XXXX]``."""
    return _HIDDEN.sub(
        lambda m: m[0] if m[0] in keep else f"[U+{ord(m[0]):04X}]",
        text,
    )

"""Customer text made safe to show in a mail: no invisible controls, no reordering.

A complaint's subject or name reaches a mail's Subject, its To display name and its body.
Control characters there (an ANSI escape, a NUL), the bidi overrides, isolates and marks
that reorder what a reader sees (``\u202egnp.exe`` reads as ``exe.png``; a right-to-left
mark moves a number to the other side of its words) and every other invisible format
character (Unicode's category Cf: a zero width space, a byte order mark, the tag characters
that spell text no one sees) are replaced by a visible ``[U+XXXX]``, so the reader sees that
something was there and nothing is reordered or hidden. The joiners (U+200C, U+200D), which
emoji sequences and joining scripts (Persian, the Indic scripts) need, and the tags of an
emoji flag (🏴 and its tags: England's, Scotland's) are kept.
"""

from __future__ import annotations

import re

#: C0 controls, DEL, C1 controls, and every format character (Cf, as of Unicode 15.1) but
#: the two joiners U+200C and U+200D.
_HIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)
#: An emoji flag's tag sequence (Unicode TS 51): the black flag, tag letters or digits,
#: the cancel tag.
_FLAG = re.compile("\U0001f3f4[\U000e0030-\U000e0039\U000e0061-\U000e007a]+\U000e007f")


def visible(text: str, *, keep: str = "") -> str:
    """``text`` with every hidden character but those in ``keep`` shown as ``[U+XXXX]``."""
    shown: list[str] = []
    at = 0
    for flag in _FLAG.finditer(text):
        shown += [_shown(text[at : flag.start()], keep), flag[0]]
        at = flag.end()
    return "".join([*shown, _shown(text[at:], keep)])


def _shown(text: str, keep: str) -> str:
    return _HIDDEN.sub(lambda m: m[0] if m[0] in keep else f"[U+{ord(m[0]):04X}]", text)

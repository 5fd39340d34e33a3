"""What to write for an operator a policy spells otherwise: a sign an input method types
(a full-width greater-than, a greater-than-or-equal sign), one from another language
(``=>``, ``<>``, ``=``), or a slip in a word (``contians``). Refused, as every unknown
operator is, with the operator meant.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Final

from complaintkit.policy.key_hints import meant_key

#: Signs that mean an operator the reader takes, after NFKC (which makes full-width ASCII).
_SIGNS: Final = {
    "\u2265": ">=", "\u2264": "<=", "\u2260": "!=", "=": "==", "=>": ">=", "=<": "<=",
    "<>": "!=", "not_in": "not in", "notin": "not in",
}  # fmt: skip


def operator_hint(written: str, names: Sequence[str]) -> str:
    """``write '>='; valid operators: …``, or only the valid operators when none is meant."""
    valid = f"valid operators: {', '.join(names)}"
    folded = unicodedata.normalize("NFKC", written).strip()
    meant = _SIGNS.get(folded, folded if folded != written else None)
    if meant not in names:
        meant = meant_key(written, names)
    return f"write {meant!r}; {valid}" if meant is not None else valid

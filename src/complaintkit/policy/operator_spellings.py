"""What to write for an operator a policy spells otherwise: a sign an input method types
(a full-width greater-than, a greater-than-or-equal sign), one from another language
(``=>``, ``<>``, ``=``), a Chinese SOP's word (``大于等于``), or a slip in a word (``contians``). Refused, as every unknown
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
    # as a Chinese SOP says them
    "等于": "==", "不等于": "!=", "大于": ">", "小于": "<", "大于等于": ">=",
    "小于等于": "<=", "不小于": ">=", "不大于": "<=", "介于": "between", "属于": "in",
    "不属于": "not in", "包含": "contains", "存在": "exists", "正则": "regex",
}  # fmt: skip


def operator_hint(written: str, names: Sequence[str]) -> str:
    """``write '>='; valid operators: …``, or only the valid operators when none is meant."""
    valid = f"valid operators: {', '.join(names)}"
    folded = unicodedata.normalize("NFKC", written).strip()
    meant = _SIGNS.get(folded, folded if folded != written else None)
    if meant not in names:
        meant = meant_key(written, names)
    return f"write {meant!r}; {valid}" if meant is not None else valid

"""true and false given as text: a CSV import, a web form or an agent's JSON supplies
``label_flaw_only: "true"``.

A comparison with ``true`` or ``false`` reads text that is exactly one of those words (any
case, surrounding whitespace allowed) as that boolean, as a numeric comparison reads text
spelling a number (:mod:`complaintkit.policy.numeric_text`): a label flaw reported as
``"true"`` must not fall through to the row that pays punitive damages. Other text —
``"yes"``, ``"1"``, ``"真"`` — is no boolean and never compares as one; and a number is
never a boolean (``1`` is not ``true``). Typed in full-width letters, as a
Chinese input method in full-width mode writes them, it is read as its NFKC form, as
numbers are.
"""

from __future__ import annotations

import unicodedata
from typing import Final

_FLAGS: Final = {"true": True, "false": False}
#: Longer text is no flag anyone wrote; lowering it would only cost time.
_LONGEST: Final = 20


def as_flag(value: object) -> object:
    """``value``, with text that spells true or false read as that boolean."""
    if type(value) is str and len(value) <= _LONGEST:
        text = value if value.isascii() else unicodedata.normalize("NFKC", value)
        return _FLAGS.get(text.strip(" \t\r\n").lower(), value)
    return value

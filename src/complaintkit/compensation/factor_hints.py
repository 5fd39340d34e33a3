"""What to write for a percent or multiple written as people say it (``10%``, ``3倍``):
the factor is a bare number, and the hint for an amount of money would mislead."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

#: A number followed by the sign a person writes after it: ``10%``, ``3倍``, ``3x``, the
#: multiplication sign (full-width forms, such as the full-width percent, are folded first).
_WITH_SIGN: Final = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:%|倍|x|X|\u00d7)\s*$")

#: The hint for an amount of money that cannot be read (``number(hint="")`` in formulas).
AMOUNT_HINT: Final = "write a plain amount such as 250 or 12.50"

#: What a factor means, per formula key.
_MEANS: Final = {"percent": "percent: 30 for 30%", "multiple": "multiple: 3 for three times"}


def factor_hint(kind: str, value: object) -> str:
    """``write percent: 10`` for ``10%``; otherwise what the key takes, with an example."""
    example = _MEANS.get(kind, f"{kind}: 3")
    if isinstance(value, str):
        found = _WITH_SIGN.match(unicodedata.normalize("NFKC", value))
        if found is not None:
            return f"write {kind}: {found.group(1)}, a bare number ({example})"
    return f"write {example}: a bare number"

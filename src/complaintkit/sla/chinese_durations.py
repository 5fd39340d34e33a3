"""What to write for a duration a Chinese SOP spells in a way the reader does not take.

SOPs say 24小时内 ("within 24 hours"), 2小时后 ("after 2 hours"), 三个工作日 in Chinese numerals, or 48小時 in
traditional characters, or type 4h with the input method in full-width mode (U+FF14 U+FF48)
or in another script's digits (Arabic-Indic ٤h).
Reading them would widen the duration grammar with guesses; the refusal instead names the form that is read, so the author fixes it in one go.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Final

from complaintkit.policy.chinese_numerals import NUMERAL, chinese_number
from complaintkit.policy.script_digits import as_ascii_digits

#: Traditional characters of the units, with the simplified ones the reader takes.
_SIMPLIFIED: Final = str.maketrans({"時": "时", "個": "个", "鐘": "钟", "週": "周", "曆": "历"})
#: "Within" after a duration: the target already means within it; "after", as a test
#: step's ``at`` or an escalation's ``after`` is said: they already mean after.
_WITHIN: Final = re.compile(r"(?<!\s)\s*+(?:以内|之内|内|以后|之后|后)\s*$")  # from a run's start


def advice(text: str, reads: Callable[[str], bool]) -> str | None:
    """``write '…'`` with the form of ``text`` that ``reads`` takes, or None."""
    written = as_ascii_digits(unicodedata.normalize("NFKC", text))
    meant = _WITHIN.sub("", written.translate(_SIMPLIFIED))
    meant = NUMERAL.sub(lambda m: str(chinese_number(m[0]) or m[0]), meant)
    if meant == text or not reads(meant):
        return None
    return f"write {meant!r}"

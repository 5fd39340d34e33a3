"""A remark after a duration in days that says how its days count: 7天 then (不含周末) or
(工作日), "7 days (excluding weekends)", 7天不含节假日 (working days), or 7日 then
(节假日顺延), a last day on a holiday moved to the next business day. Dropping such a
remark would leave calendar days, a deadline earlier than the SOP's, so the refusal names
the form that keeps it. Full-width brackets and commas are read as NFKC makes them ASCII.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final, Literal

#: The longest text read for a remark: a duration is short, and the patterns below are
#: searched from the end, so a long one is not worth reading twice.
_LONGEST: Final = 200
#: A remark in brackets at the end, or a clause after the duration that says what is left out.
_BRACKETED: Final = re.compile(r"\(([^()]*)\)\s*$")
#: The clause runs to the end and holds no bracket, so it is looked for after the last one,
#: from its first word on: nothing is read again from each space of a long run.
_CLAUSE: Final = re.compile(
    r"不含|不包括|除去|除|excluding\s|not\s+counting\s|遇?节假日顺延", re.IGNORECASE
)
#: Working days, said as such or as days without weekends or holidays (不含当日, the day of
#: receipt left out, is how calendar days count anyway).
_WORKING: Final = re.compile(
    r"工作日|business\s+days?|working\s+days?|(?:不含|不包括|除|excluding|not\s+counting)"
    r"[^()]{0,40}?(?:周末|周六|周日|星期|节假日|假日|休息日|双休|weekends?|holidays?|saturdays?|sundays?)",
    re.IGNORECASE,
)
_ROLLS: Final = re.compile(r"顺延", re.IGNORECASE)
#: A remark that starts with a number says the duration again (14 days, then 10 working
#: days): two readings, not a rule for counting the first.
_AGAIN: Final = re.compile(r"\s*[0-9零一二两三四五六七八九十百]")
_CALENDAR: Final = re.compile(r"自然日|日历日|calendar\s+days?", re.IGNORECASE)

Counting = Literal["business", "roll"]


def remarked(text: str) -> tuple[str, Counting] | None:
    """``text`` without a remark saying its days are working days (``business``) or roll
    past days off (``roll``), and which; None when it has no such remark."""
    written = unicodedata.normalize("NFKC", text).strip()
    if len(written) > _LONGEST:
        return None
    found = _BRACKETED.search(written) or _clause(written)
    if found is None:
        return None
    start, remark = found if isinstance(found, tuple) else (found.start(), found[1])
    if _CALENDAR.search(remark) or _AGAIN.match(remark):
        return None
    kept = written[:start].rstrip(" ,")
    if _ROLLS.search(remark):
        return kept, "roll"
    return (kept, "business") if _WORKING.search(remark) else None


def _clause(written: str) -> tuple[int, str] | None:
    """Where a clause after the duration begins (with the comma or spaces before it) and
    the clause, from its first word to the end, which holds no bracket; None if none."""
    found = _CLAUSE.search(written, max(written.rfind("("), written.rfind(")")) + 1)
    if found is None:
        return None
    start = found.start()
    while start > 0 and written[start - 1].isspace():
        start -= 1
    if start > 0 and written[start - 1] == ",":
        start -= 1
    return start, written[found.start() :]

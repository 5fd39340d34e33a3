"""Where a duration starts, said with it as a regulation says it: 自收到投诉之日起七个工作日内
(from the day the complaint is received), 收到后24小时内, "30 days from receipt". A target's
duration is only the time allowed; its start is written apart (receipt by default, a
field with ``from``, another event with the metric's ``start``), so the refusal names the
duration and says so.
"""

from __future__ import annotations

import re
from typing import Final

STARTS: Final = (
    "where a clock starts is written apart: receipt, unless the target's from or its "
    "metric's start names another"
)
#: 自收到投诉之日起, 从受理之日起, 自收到起: a start before the duration.
_FROM: Final = re.compile(r"\s*+(?:自|从)[^起]{1,40}起\s*+")
#: 收到后, 接到投诉后, 受理后: after the event that starts it.
_AFTER: Final = re.compile(r"\s*+(?:收到|接到|受理)[^后内]{0,20}后\s*+")
#: "from receipt", "of receipt", "from the date of receipt", "of receiving the complaint".
_RECEIPT: Final = re.compile(
    r"(?<!\s)\s++(?:from|after|following|of|since)\s++(?:the\s++)?(?:(?:date|day)\s++of\s++)?"
    r"(?:receipt|receiving(?:\s++(?:it|the\s++complaint))?)\s*+$",
    re.IGNORECASE,
)


def without_start(text: str) -> str | None:
    """``text`` without the start said before or after its duration, or None when it says
    none (or says only a start)."""
    found = _FROM.match(text) or _AFTER.match(text)
    if found is not None:
        rest = text[found.end() :]
    elif (after := _RECEIPT.search(text)) is not None:
        rest = text[: after.start()]
    else:
        return None
    return rest.strip() or None

"""Dead letters in a report: how much input was refused, and why, in the report's time range."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import datetime

from complaintkit.reports.scope import Scope

#: A case id (``model.ids``): reasons name the case a letter was about, the report counts why.
_CASE_ID = re.compile(r"\bCK-[0-9A-HJKMNP-TV-Z]{18}\b")
#: An instant as reasons write it (``2026-11-03 10:00 +08:00``, ``2026-11-03T02:00:00+00:00``).
_INSTANT = re.compile(
    r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?(?:[+-]\d{2}:?\d{2}|Z))?"
)


def reason_of(text: str) -> str:
    """The reason a dead letter counts under: its text with case ids written ``CK-…`` and
    instants ``…``, so a notification refused for want of an address, or an acknowledgement
    held back for a deadline already past, is one reason however many cases, and rows
    dated in the future one reason whatever their dates."""
    return _INSTANT.sub("…", _CASE_ID.sub("CK-…", text))


def count_reasons(letters: Iterable[tuple[str, datetime | None]], scope: Scope) -> dict[str, int]:
    """(reason, at) pairs in ``[since, until)`` counted by reason, most frequent first. A
    letter whose instant is unknown (``DeadLetter.at``) counts only where no range is set."""
    unbounded = scope.since is None and scope.until is None
    counts = Counter(
        reason_of(reason)
        for reason, at in letters
        if (unbounded if at is None else scope.covers(at))
    )
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

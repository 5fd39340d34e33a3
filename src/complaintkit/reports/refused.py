"""Dead letters in a report: how much input was refused, and why, in the report's time range."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime

from complaintkit.reports.scope import Scope


def count_reasons(letters: Iterable[tuple[str, datetime]], scope: Scope) -> dict[str, int]:
    """(reason, at) pairs in ``[since, until)`` counted by reason, most frequent first."""
    counts = Counter(reason for reason, at in letters if scope.covers(at))
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

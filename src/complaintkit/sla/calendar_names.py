"""What to say for a calendar a policy names but does not define: the one a slip meant
(``offise`` for ``office``), as a misspelt team or metric is answered, and the known ones.
"""

from __future__ import annotations

from collections.abc import Iterable

from complaintkit.policy.catalog import closest_id


def unknown_calendar_hint(name: object, known: Iterable[str]) -> str:
    """``did you mean 'office'? known: …`` (without the question when nothing is close)."""
    names = list(known)
    meant = closest_id(name, names) if isinstance(name, str) else None
    asked = f"did you mean {meant!r}? " if meant is not None else ""
    return f"{asked}define it under calendars; known: {', '.join(names)}"

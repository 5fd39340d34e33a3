"""The customer-history facts a condition may ask for, and what each takes.

A condition naming an unknown fact would be false for every case, and a day count out of
range overflows when storage is asked about it; both are refused when the policy loads.
"""

from __future__ import annotations

from typing import Final

from complaintkit.policy.as_written import as_written, got
from complaintkit.sla.durations import MAX_DAYS

#: History facts a condition may ask for, with whether each takes a number of days.
HISTORY_FACTS: Final = {"complaints_in_last_days": True, "open_cases": False}
_HINT: Final = (
    f"write open_cases or {{complaints_in_last_days: N}} with N a whole number "
    f"from 1 to {MAX_DAYS} (100 years)"
)


def history_problem(name: object, argument: object) -> tuple[str, str] | None:
    """What is wrong with ``{history: {name: argument}}`` (message, hint), or None."""
    if not isinstance(name, str):
        return "'history' must be a fact name or {name: argument}", _HINT
    if name not in HISTORY_FACTS:
        return f"{as_written(name)} is not a history fact", _HINT
    if not HISTORY_FACTS[name]:
        return (
            None
            if argument is None
            else (f"{name} takes no argument ({as_written(argument)})", _HINT)
        )
    if isinstance(argument, bool) or not isinstance(argument, int):
        return f"{name} needs a whole number of days (got {got(argument)})", _HINT
    if not 1 <= argument <= MAX_DAYS:
        return f"{name} must be at least 1 and at most {MAX_DAYS} (got {argument})", _HINT
    return None

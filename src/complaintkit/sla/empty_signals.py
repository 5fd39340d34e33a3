"""A metric written with an empty list of signals that start or stop its clock.

``start: []`` leaves a clock that never starts: its targets give no deadline and its
escalation levels never fire, so it is an error. ``stop: []`` leaves a clock only closing
the case stops, never met: that may be meant (a clock that runs to the end), so it is a
warning with the stop to write.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Literal

Severity = Literal["error", "warning"]


def empty_signals(
    name: str, data: Mapping[str, Any], path: str
) -> Iterator[tuple[Severity, str, str, str]]:
    """(severity, path, message, hint) for each of the metric's empty signal lists."""
    if data.get("start") == []:
        why = "has no start signal: its clock never starts"
        yield (
            "error",
            f"{path}.start",
            f"metric {name!r} {why}",
            "write the signals that start it, e.g. start: [opened]",
        )
    if data.get("stop") == []:
        why = "has no stop signal: its clock is never met, only closing the case stops it"
        yield (
            "warning",
            f"{path}.stop",
            f"metric {name!r} {why}",
            "write the signals that meet it, e.g. stop: [resolved]",
        )

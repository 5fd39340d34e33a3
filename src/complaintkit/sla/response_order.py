"""A target row whose first response falls due after its resolution.

``first_response: 48h`` beside ``resolution: 24h`` is two numbers swapped as an SOP's table
is copied: a resolution is an answer the customer sees and stops the first-response clock
too, so that target could never be the one a case missed, while its warnings and letters
promised a reply after the case was due to be solved. Only targets written as plain
durations on the row's calendar are compared, and only durations of one kind.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from complaintkit.errors import Location, Problem
from complaintkit.sla.durations import certainly_shorter
from complaintkit.sla.metrics import BUILTIN_METRICS, MetricSpec, Target

Locate = Callable[[str], Location]
_FIRST, _LAST = "first_response", "resolution"


def responses_after_resolution(
    raw_rows: Sequence[Any],
    rows: Sequence[Mapping[str, Target]],
    metrics: Mapping[str, MetricSpec],
    locate: Locate,
) -> list[Problem]:
    """A warning at each row's ``first_response`` that certainly falls due after its
    ``resolution``; ``rows`` are each raw row's compiled targets, by metric."""
    if any(metrics.get(name) != BUILTIN_METRICS[name] for name in (_FIRST, _LAST)):
        return []  # redefined: they may start at other events
    problems: list[Problem] = []
    for i, (raw, targets) in enumerate(zip(raw_rows, rows, strict=True)):
        first, last = targets.get(_FIRST), targets.get(_LAST)
        if first is None or last is None or not isinstance(raw, Mapping):
            continue
        if isinstance(raw.get(_FIRST), Mapping) or isinstance(raw.get(_LAST), Mapping):
            continue  # a calendar or an end rule of its own
        if not certainly_shorter(last.duration, first.duration):
            continue
        problems.append(
            Problem(
                locate(f"sla.targets[{i}].{_FIRST}"),
                f"first_response ({first.text}) falls due after resolution ({last.text}) in "
                "this row: resolving a case answers it, so this first-response target is "
                "never the one a case misses",
                "did you swap them? the first response is due first, e.g. "
                f"first_response: {last.text}, resolution: {first.text}",
                "warning",
                "response-after-resolution",
            )
        )
    return problems

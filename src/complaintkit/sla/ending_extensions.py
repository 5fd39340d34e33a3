"""Extensions upon the signal that ends or restarts their own clock.

The engine extends a clock before it reads the signal's other meaning, so ``upon:
resolved`` on the resolution metric (or ``upon: responded`` on first_response, or a case
closed, rejected or withdrawn) lengthens a clock that stops at that same instant, and
``upon: responded`` on next_update one that starts over at once with a fresh period: the
extension changes no deadline, while the SOP promised more time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from complaintkit.errors import Location, Problem
from complaintkit.model.lifecycle import TERMINAL
from complaintkit.sla.metrics import MetricSpec, Target

Locate = Callable[[str], Location]

_ENDS_ALL = frozenset(s.value for s in TERMINAL)


def extensions_upon_an_end(
    rows: Sequence[Mapping[str, Target]], metrics: Mapping[str, MetricSpec], locate: Locate
) -> list[Problem]:
    """A warning at each extension whose signal stops or restarts its target's metric;
    ``rows`` are the target rows' compiled targets, by metric."""
    problems: list[Problem] = []
    for i, targets in enumerate(rows):
        for metric, target in targets.items():
            spec = metrics[metric]
            for j, extension in enumerate(target.extensions):
                said = _what_it_does(extension.upon, spec)
                if said is None:
                    continue
                does, then = said
                problems.append(
                    Problem(
                        locate(f"sla.targets[{i}].{metric}.extend[{j}]"),
                        f"{metric}: this extension is upon {extension.upon}, which {does}; "
                        f"the clock is extended and at the same instant {then}, so "
                        "the extension changes no deadline",
                        f"extend upon the signal that grants more time, recorded while the "
                        f"{metric} clock runs (e.g. holding_reply, extension_approved, "
                        "recorded as such); or remove the extension",
                        "warning",
                        "extension-upon-its-end",
                    )
                )
    return problems


def _what_it_does(upon: str, spec: MetricSpec) -> tuple[str, str] | None:
    """What ``upon`` does to a running clock of ``spec`` and what the clock then does, when
    it ends or restarts it."""
    if upon in spec.stop:
        return f"stops the {spec.name} clock (its stop: {', '.join(sorted(spec.stop))})", "stops"
    if upon in _ENDS_ALL:
        return f"stops every clock (a case {upon} needs no more work)", "stops"
    if upon in spec.restart:
        restart = f"starts the {spec.name} clock over with a fresh period (its restart)"
        return restart, "starts over"
    return None

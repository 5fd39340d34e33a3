"""Two extensions of one target upon the same signal.

Each extension applies once, and every extension naming a signal applies the first time
it comes: ``[{upon: approved_more, by: 15 days}, {upon: approved_more, by: 15 days}]``,
written for "may be extended twice", lengthens the period by both at the first approval,
and a second approval extends nothing. Such a pair is warned of at the later one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from complaintkit.errors import Location, Problem
from complaintkit.sla.metrics import Target

Locate = Callable[[str], Location]


def extensions_upon_twice(rows: Sequence[Mapping[str, Target]], locate: Locate) -> list[Problem]:
    """A warning at each extension whose signal an earlier extension of its target names;
    ``rows`` are the target rows' compiled targets, by metric."""
    problems: list[Problem] = []
    for i, targets in enumerate(rows):
        for metric, target in targets.items():
            first: dict[str, int] = {}
            for j, extension in enumerate(target.extensions):
                earlier = first.setdefault(extension.upon, j)
                if earlier == j:
                    continue
                path = f"sla.targets[{i}].{metric}.extend"
                problems.append(
                    Problem(
                        locate(f"{path}[{j}]"),
                        f"{metric}: this extension is upon {extension.upon} as {path}[{earlier}] "
                        f"is: both apply the first time {extension.upon} comes (each extension "
                        f"applies once), so the period is lengthened by both at once and a "
                        f"second {extension.upon} extends nothing",
                        f"write one extension to the whole period; to extend again upon a "
                        f"second signal, give it a name of its own ({extension.upon}_again, "
                        "recorded as such)",
                        "warning",
                        "extension-upon-twice",
                    )
                )
    return problems

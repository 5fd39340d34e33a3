"""Caps another cap always holds tighter: ``caps: [{limit: 500, days: 90}, {limit: 300,
days: 90}]``.

A cap counting at least the money another counts (its kinds and more, over its window or a
longer one, in the same currency) with no larger a limit is reached first, every time: the
other never limits anything. Most often it is the old limit kept when a new one was added,
and a reader of the file believes customers may be given it.
"""

from __future__ import annotations

from collections.abc import Sequence

from complaintkit.compensation.caps import CustomerCap
from complaintkit.errors import Problem
from complaintkit.policy.conditions import Locate


def never_binding_caps(caps: Sequence[CustomerCap], locate: Locate) -> list[Problem]:
    """A warning at the limit of each cap another holds tighter; of two caps alike, at
    the later one."""
    problems = []
    for i, cap in enumerate(caps):
        tighter = next(
            (
                other
                for j, other in enumerate(caps)
                if j != i and _holds(other, cap) and (j < i or not _holds(cap, other))
            ),
            None,
        )
        if tighter is None:
            continue
        problems.append(
            Problem(
                locate(f"{cap.path}.limit"),
                f"this cap ({cap.describe()}) never limits anything: {tighter.path} "
                f"({tighter.describe()}) counts the same money or more and is reached first",
                f"remove this cap, or change its limit, days or kinds so it limits "
                f"something {tighter.path} does not",
                "warning",
                "cap-never-binding",
            )
        )
    return problems


def _holds(tighter: CustomerCap, cap: CustomerCap) -> bool:
    """Whether staying within ``tighter`` keeps within ``cap`` too."""
    return (
        tighter.limit.currency == cap.limit.currency
        and tighter.limit.amount <= cap.limit.amount
        and tighter.days >= cap.days
        and set(tighter.kinds) >= set(cap.kinds)
    )

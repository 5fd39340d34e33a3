"""The advice in an SLA problem's message, moved to its hint line.

The calendar and duration readers raise ``InvalidInput`` with one text for every caller —
the API, the CLI's options, the policy loader — so what to write follows the mistake
after a semicolon (``cannot read '3 business dayz'; write e.g. '24h'…``). A policy author
reads every other problem as the mistake, then a hint saying what to write instead.
"""

from __future__ import annotations

import re
from typing import Final

import attrs

from complaintkit.errors import Problem

#: "; " before the words advice starts with in these readers' messages.
_ADVICE: Final = re.compile(
    r"; (?=(?:write|did you mean|use|known|add|remove|give|name|quote|declare|list)\b|e\.g\.)"
)


def told_apart(problem: Problem) -> Problem:
    """``problem`` with the advice its message ends with as its hint, when it has none."""
    if problem.hint:
        return problem
    found = _ADVICE.search(problem.message)
    if found is None:
        return problem
    return attrs.evolve(
        problem, message=problem.message[: found.start()], hint=problem.message[found.end() :]
    )

"""The shared YAML reader's problems, reworded for a policy tests file.

Tests files are read by the same defensive reader as policies, whose messages speak of
"policies" and point to ``extends:``. A tests file is not a policy and has no ``extends:``;
what its tests share goes in its top-level ``complaint:`` and ``facts:``, merged into each.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import attrs

from complaintkit.errors import Problem
from complaintkit.policy.source import MAX_DEPTH

_SHARE: Final = (
    "write the value out in full, or put what every test shares in the file's top-level "
    "complaint: or facts: (merged into each test)"
)
#: Problem code → the (message, hint) a tests file gets; None rewords the reader's own.
_REWORDED: Final[dict[str, tuple[str | None, str | None]]] = {
    **dict.fromkeys(
        ("alias", "anchor"),
        (
            "YAML anchors, aliases and merge keys (&name, *name, <<) are not allowed in a "
            "tests file",
            _SHARE,
        ),
    ),
    "too-deep": (f"the tests file nests deeper than {MAX_DEPTH} levels", "flatten the structure"),
    "yaml-tag": (None, "a tests file holds plain text, numbers, true/false, lists and mappings"),
    "too-large": (None, "split the tests into several *.tests.yaml files"),
    "too-long": (None, "a tests file holds complaints and expectations: shorten it"),
    "bad-value": (None, None),
    "unreadable": (None, None),
    "encoding": (None, "save the tests file as UTF-8 (in the editor's save-as dialog)"),
}
_SPOKEN: Final = (
    ("the policy file", "the tests file"),
    ("in policies", "in a tests file"),
    ("in a policy", "in a tests file"),
)


def as_tests_file(problems: Iterable[Problem]) -> list[Problem]:
    """``problems`` worded for a tests file, located where the reader found them."""
    return [_reworded(problem) for problem in problems]


def _reworded(problem: Problem) -> Problem:
    if problem.code not in _REWORDED:
        return problem
    message, hint = _REWORDED[problem.code]
    return attrs.evolve(
        problem,
        message=message or _spoken(problem.message),
        hint=hint or _spoken(problem.hint),
    )


def _spoken(text: str) -> str:
    """``text`` speaking of a tests file where it spoke of a policy."""
    for policy, tests in _SPOKEN:
        text = text.replace(policy, tests)
    return text

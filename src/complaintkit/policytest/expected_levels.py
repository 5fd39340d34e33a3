"""Escalation levels an expectation names that no ladder of its policy has.

``escalations: [store_manger]`` (or any level, against a policy with no ladder) can never
pass: the levels that fire are the policy's. Run, it showed as an ordinary FAIL, as though
the policy had escalated wrongly; like an undeclared category (:mod:`.expected_ids`) it is
a mistake of the tests file, named at its line with the level most likely meant.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from complaintkit.policy.as_written import as_written
from complaintkit.policy.key_hints import meant_key
from complaintkit.policytest.shapes import Found


def unknown_levels(expect: Mapping[str, Any], levels: Sequence[tuple[str, str]]) -> list[Found]:
    """Each level ``expect``'s escalations name that is not one of ``levels`` (each a
    ladder's name and a level's), written as the level (``lead``) or ``ladder/level``."""
    named = expect.get("escalations")
    if not isinstance(named, list):
        return []
    bare = list(dict.fromkeys(level for _, level in levels))
    known = {*bare, *(f"{ladder}/{level}" for ladder, level in levels)}
    listed = ", ".join(bare) or "none: the policy has no escalation ladder"
    found: list[Found] = []
    for i, level in enumerate(named):
        if not isinstance(level, str) or level in known:
            continue
        close = meant_key(level, known)
        hint = (f"did you mean {close!r}? " if close else "") + f"the policy's levels: {listed}"
        message = f"expects escalation {as_written(level)}, which no ladder of the policy has"
        found.append((f".escalations[{i}]", message, hint))
    return found

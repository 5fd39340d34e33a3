"""Escalation levels and compensation rows an expectation names that its policy lacks.

``escalations: [store_manger]`` (or any level, against a policy with no ladder) and
``compensation: {rows: [food-safty]}`` can never pass: the levels that fire and the rows
that pay are the policy's. Run, each showed as an ordinary FAIL, as though the policy had
escalated or decided wrongly; like an undeclared category (:mod:`.expected_ids`) it is a
mistake of the tests file, named at its line with the name most likely meant.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from complaintkit.policy.as_written import as_written
from complaintkit.policy.catalog import closest_id, usable_ids
from complaintkit.policy.key_hints import meant_key
from complaintkit.policytest.shapes import Found


def unknown_levels(expect: Mapping[str, Any], levels: Sequence[tuple[str, str]]) -> list[Found]:
    """Each level ``expect``'s escalations name that is not one of ``levels`` (each a
    ladder's name and a level's), written as the level (``lead``) or ``ladder/level``."""
    bare = list(dict.fromkeys(level for _, level in levels))
    known = {*bare, *(f"{ladder}/{level}" for ladder, level in levels)}
    listed = ", ".join(bare) or "none: the policy has no escalation ladder"
    return _unknown(
        expect.get("escalations"),
        ".escalations",
        known,
        lambda level: meant_key(level, known),
        f"the policy's levels: {listed}",
        "escalation {}, which no ladder of the policy has",
    )


def unknown_rows(expect: Mapping[str, Any], rows: Sequence[str]) -> list[Found]:
    """Each row id ``expect``'s compensation names that is not one of ``rows``."""
    compensation = expect.get("compensation")
    return _unknown(
        compensation.get("rows") if isinstance(compensation, Mapping) else None,
        ".compensation.rows",
        rows,
        lambda row: closest_id(row, rows),
        f"the policy's rows: {', '.join(usable_ids(rows)) or 'none'}",
        "row {}, which the compensation table does not have",
    )


def _unknown(
    named: object,
    where: str,
    known: Collection[str],
    meant: Callable[[str], str | None],
    listed: str,
    expects: str,
) -> list[Found]:
    """Each text of the list ``named`` (at ``where``) not in ``known``: ``expects`` with
    the text as written, and a hint of the name ``meant`` and those ``listed``."""
    if not isinstance(named, list):
        return []
    found: list[Found] = []
    for i, name in enumerate(named):
        if not isinstance(name, str) or name in known:
            continue
        close = meant(name)
        hint = (f"did you mean {close!r}? " if close else "") + listed
        found.append((f"{where}[{i}]", "expects " + expects.format(as_written(name)), hint))
    return found

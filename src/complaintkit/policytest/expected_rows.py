"""Compensation rows an expectation names that its policy does not have.

``compensation: {rows: [food-safty]}`` can never pass: a decision names the rows of the
policy's compensation table that paid. Run, it showed as an ordinary FAIL, as though the
policy had decided wrongly; like an undeclared category (:mod:`.expected_ids`) it is a
mistake of the tests file, named at its line with the row most likely meant.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from complaintkit.policy.as_written import as_written
from complaintkit.policy.catalog import closest_id, usable_ids
from complaintkit.policytest.shapes import Found


def unknown_rows(expect: Mapping[str, Any], rows: Sequence[str]) -> list[Found]:
    """Each row id ``expect``'s compensation names that is not one of ``rows``."""
    compensation = expect.get("compensation")
    named = compensation.get("rows") if isinstance(compensation, Mapping) else None
    if not isinstance(named, list):
        return []
    listed = ", ".join(usable_ids(rows)) or "none"
    found: list[Found] = []
    for i, row in enumerate(named):
        if not isinstance(row, str) or row in rows:
            continue
        close = closest_id(row, rows)
        hint = (f"did you mean {close!r}? " if close else "") + f"the policy's rows: {listed}"
        message = f"expects row {as_written(row)}, which the compensation table does not have"
        found.append((f".compensation.rows[{i}]", message, hint))
    return found

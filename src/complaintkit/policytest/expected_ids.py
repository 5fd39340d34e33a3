"""Ids an expectation names that its policy does not declare.

``expect: {category: produce}`` against a policy whose categories are product and
service can never pass: run, it showed as an ordinary FAIL, as though the policy had
decided wrongly. It is a mistake of the tests file, named at its line before any test
runs, with the declared id it most likely meant.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from complaintkit.policy.as_written import as_written
from complaintkit.policy.catalog import Catalog, closest_id, usable_ids
from complaintkit.policytest.shapes import Found

#: The expectations that name an id, and the kind of the catalog that declares it.
EXPECTED_KINDS: Final = {
    "category": "categories",
    "severity": "severities",
    "priority": "priorities",
    "team": "teams",
}


def undeclared_ids(expect: Mapping[str, Any], catalog: Catalog) -> list[Found]:
    """Each id ``expect`` names that ``catalog`` does not declare (``null``, expecting
    none, names nothing)."""
    found: list[Found] = []
    for key, kind in EXPECTED_KINDS.items():
        written = expect.get(key)
        declared = catalog.kind(kind)
        if not isinstance(written, str) or written in declared:
            continue
        close = closest_id(written, declared)
        listed = ", ".join(usable_ids(declared)) or "none"
        meant = f"did you mean {close!r}? " if close else ""
        if (labelled := catalog.labelled(kind, written)) is not None:
            meant = f"{written!r} is the label of {labelled!r}: write {key}: {labelled}; "
        hint = f"{meant}the policy's {kind}: {listed}"
        found.append(
            (
                f".{key}",
                f"expects {key} {as_written(written)}, which the policy does not declare",
                hint,
            )
        )
    return found

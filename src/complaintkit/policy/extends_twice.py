"""One policy named twice in one ``extends:`` list.

Merged once more, the second naming changes nothing, so loading goes on; but a list that
names ``./base.yaml`` and ``rules/../base.yaml`` (or a link to it) was most often meant
to name another file, whose rules are then missing without a word.
"""

from __future__ import annotations

from complaintkit.errors import Location, Problem
from complaintkit.policy.as_written import as_written


def extended_twice(name: object, spot: Location, first: Location) -> Problem:
    """A warning at ``spot``, naming ``name``, the policy named at ``first`` already."""
    return Problem(
        spot,
        f"extends names {as_written(name)}, the policy named at {first.file}:{first.line} "
        "already: merged again, it adds nothing",
        "remove it, or name the policy you meant",
        severity="warning",
        code="extends-twice",
    )

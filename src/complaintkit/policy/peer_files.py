"""The mistakes a folder's file makes on its own, when another file of the folder cannot be
read and the folder cannot be merged.

Without this, a malformed file hid every error of its peers until it was fixed. A file is
checked as a part of a policy is: against the schema with nothing required (a peer may
hold the required sections), so what it reports is what that file alone gets wrong (a
value of the wrong type, an unknown key). Ids it names that a peer declares are not
checked: that needs the whole folder.
"""

from __future__ import annotations

from collections.abc import Iterable

from complaintkit.errors import Problem
from complaintkit.policy.document import Document
from complaintkit.policy.located import node_locations
from complaintkit.policy.schema import schema_problems
from complaintkit.policy.source import Source


def peer_problems(readable: Iterable[Source]) -> list[Problem]:
    """The schema's problems of each readable file, read as one part of a policy."""
    problems: list[Problem] = []
    for source in readable:
        if not isinstance(source.data, dict):
            continue  # reported when the folder is merged; a scalar holds no sections
        document = Document(source.data, node_locations(source.tree), (source.file,))
        # a part of a policy: as in one that extends another, no section is required
        as_part = {"extends": [], **source.data}
        reported = {(p.location.line, p.location.column) for p in source.problems}
        problems.extend(
            p
            for p in schema_problems(as_part, document.locate)
            if (p.location.line, p.location.column) not in reported
        )
    return problems

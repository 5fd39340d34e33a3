"""A team member listed twice: ``members: [王芳, 张伟, 王芳]``.

A name pasted twice from the SOP's table, or typed once in full-width letters or
with a space the quotes keep: the author meant another person, or one name fewer. Each
listing after the first is a warning naming where the first is.
"""

from __future__ import annotations

from collections.abc import Iterator
from unicodedata import normalize

from complaintkit.errors import Problem
from complaintkit.policy.sections import Locate
from complaintkit.policy.source import join


def repeated_members(members: object, path: str, locate: Locate) -> Iterator[Problem]:
    """A warning at each member of ``members`` (at ``path``) that an earlier one names."""
    listed = members if isinstance(members, list) else []
    first: dict[str, int] = {}
    for i, member in enumerate(listed):
        if not isinstance(member, str):
            continue
        earlier = first.setdefault(normalize("NFKC", member).strip(), i)
        if earlier == i:
            continue
        same = "" if listed[earlier] == member else f" (as {listed[earlier]!r})"
        yield Problem(
            locate(join(path, i)),
            f"{member!r} is listed already{same}, at {join(path, earlier)}",
            "list each member once; remove this one, or write the person meant",
            "warning",
            "duplicate-member",
        )

"""Approval roles spelt unlike the same role elsewhere in the policy.

The role an approval threshold names (``approvals: [{above: 500, role: store_manager}]``)
is free text: an agent gives a role when approving (``cases approve --role``), and the
approval counts when the two are written alike. A policy does not list its staff's roles,
so a role cannot be checked against such a list; but a slip shows beside the roles the
policy does write — the escalation ladders' ``require_approval`` roles, the other
thresholds', and the roles notifications know (``manager``, ``team_lead``, ``owner``). A
threshold's role written nowhere else that is a slip away from one of those (a swap, a
letter more or less: :func:`complaintkit.policy.typos.close_matches`) is warned, with the
spelling meant: it loads (it may be meant), but no approval given as the other counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any, Final

from complaintkit.errors import Problem
from complaintkit.notify.policy import ROLES
from complaintkit.policy.sections import Locate
from complaintkit.policy.source import join
from complaintkit.policy.typos import close_matches

#: Only a slip of an edit or two (close_matches' own): difflib's likeness alone would take
#: site_manager and store_manager, two roles a policy may well mean, for one.
_CLOSE: Final = 1.0


def approval_role_problems(data: Mapping[str, Any], locate: Locate) -> list[Problem]:
    """A warning at each threshold role a slip away from a role written elsewhere."""
    thresholds = list(_threshold_roles(data.get("compensation")))
    written = Counter(role for _, role in thresholds)
    written.update(role for _, role in _required_roles(data.get("escalation"), "escalation"))
    known = [*written, *(r for r in ROLES if r != "customer")]
    first = {role: i for i, (_, role) in reversed(list(enumerate(thresholds)))}
    problems = []
    for i, (path, role) in enumerate(thresholds):
        if written[role] > 1 or role in ROLES:
            continue  # written alike elsewhere: the spellings agree
        meant = close_matches(role, [r for r in dict.fromkeys(known) if r != role], 1, _CLOSE)
        if meant and first.get(meant[0], -1) > i and written[meant[0]] == 1:
            continue  # two thresholds' spellings of one role: the later one is told
        if meant:
            problems.append(
                Problem(
                    locate(path),
                    f"approval role {role!r} is written nowhere else in the policy, while "
                    f"{meant[0]!r} is: an approval given as {meant[0]!r} does not count for it",
                    f"did you mean {meant[0]!r}? write one role the same way everywhere",
                    severity="warning",
                    code="approval-role",
                )
            )
    return problems


def _threshold_roles(section: object) -> Iterator[tuple[str, str]]:
    approvals = section.get("approvals") if isinstance(section, Mapping) else None
    for i, item in enumerate(approvals if isinstance(approvals, list) else ()):
        role = item.get("role") if isinstance(item, Mapping) else None
        if isinstance(role, str) and role.strip():
            yield f"compensation.approvals[{i}].role", role


def _required_roles(value: object, path: str) -> Iterator[tuple[str, str]]:
    """Each ``require_approval: {role: …}`` under ``value``, wherever the ladders hold it."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            where = join(path, str(key))
            role = item.get("role") if isinstance(item, Mapping) else None
            if key == "require_approval" and isinstance(role, str) and role.strip():
                yield join(where, "role"), role
            else:
                yield from _required_roles(item, where)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _required_roles(item, f"{path}[{i}]")

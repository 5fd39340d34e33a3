"""The keys each escalation action reads. The schema takes any mapping for an action's
value, so a slip in a key (``reassign: {owner: x, tem: vip}``) would be passed over: the
reassignment keeping the case's team, the notice going through the first notifier.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Final

from complaintkit.policy.key_hints import unknown_key_hint

#: What each action with a mapping reads (``notify`` takes a role; its person is refused,
#: naming the roles, where roles are checked).
ACTION_KEYS: Final[Mapping[str, frozenset[str]]] = {
    "notify": frozenset({"role", "person", "template", "via"}),
    "reassign": frozenset({"owner", "team"}),
    "require_approval": frozenset({"role", "person"}),
}


def unknown_action_keys(kind: str, value: Mapping[Any, Any]) -> Iterator[tuple[str, str, str]]:
    """(key, message, hint) for each key of ``value`` the ``kind`` action does not read."""
    allowed = ACTION_KEYS.get(kind, frozenset())
    for key in sorted(map(str, value)):
        if key not in allowed:
            yield key, f"unknown key {key!r} in {kind}", unknown_key_hint(key, allowed)

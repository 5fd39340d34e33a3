"""Whom an escalation without a team may reassign to.

``reassign: {owner: X}`` keeps the case's team, which validation cannot know for one case;
but it knows the teams a case can have when the level reaches it: those routing gives (or
those the ladder's ``when`` keeps it to). X who is a member of none of them that list
``members`` would own a case of a team that does not have them, whichever it was.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from complaintkit.policy.source import join


def teamless_reassigns(data: Mapping[str, Any], path: str) -> Iterator[tuple[str, str, str, str]]:
    """(path, message, hint, code) for each reassign owner no reachable team has."""
    escalation = data.get("escalation")
    ladders = escalation.get("ladders") if isinstance(escalation, Mapping) else None
    routed = _routed_teams(data)
    for i, ladder in enumerate(ladders if isinstance(ladders, list) else []):
        if not isinstance(ladder, Mapping):
            continue
        scope = _scope(ladder.get("when"))
        membered = _members(data, routed if scope is None else scope)
        levels = ladder.get("levels")
        for j, level in enumerate(levels if isinstance(levels, list) else []):
            actions = level.get("actions") if isinstance(level, Mapping) else None
            for k, action in enumerate(actions if isinstance(actions, list) else []):
                value = action.get("reassign") if isinstance(action, Mapping) else None
                if not isinstance(value, Mapping) or value.get("team") is not None:
                    continue
                owner = value.get("owner")
                if not isinstance(owner, str) or not membered:
                    continue
                if any(owner in members for members in membered.values()):
                    continue
                where = join(path, f"escalation.ladders[{i}].levels[{j}].actions[{k}].reassign")
                teams = ", ".join(f"{t} ({', '.join(m)})" for t, m in membered.items())
                yield (
                    f"{where}.owner",
                    f"owner {owner!r} is a member of none of the teams a case can have here: "
                    f"{teams}; a reassign without a team keeps the case's team",
                    "add them to a team's members, or name the team: "
                    f"reassign: {{owner: {owner}, team: <team>}}",
                    "not-member",
                )


def _routed_teams(data: Mapping[str, Any]) -> list[str]:
    """The teams routing's rows and default give, in the order written."""
    routing = data.get("routing")
    if not isinstance(routing, Mapping):
        return []
    rules = routing.get("rules")
    outputs = (
        [row.get("then") for row in rules if isinstance(row, Mapping)]
        if isinstance(rules, list)
        else []
    )
    outputs.append(routing.get("default"))
    teams = [out.get("team") for out in outputs if isinstance(out, Mapping)]
    return list(dict.fromkeys(t for t in teams if isinstance(t, str)))


def _scope(when: object) -> list[str] | None:
    """The teams a ladder's ``when`` of ``case.team ==``/``in`` keeps it to; None for any
    other condition (or none), which does not narrow the teams."""
    if not isinstance(when, Mapping) or when.get("field") != "case.team":
        return None
    if isinstance(team := when.get("=="), str):
        return [team]
    listed = when.get("in")
    if isinstance(listed, list) and all(isinstance(t, str) for t in listed):
        return [str(t) for t in listed]
    return None


def _members(data: Mapping[str, Any], teams: list[str]) -> dict[str, list[str]]:
    """Each of ``teams`` that lists members, with them."""
    declared = data.get("teams")
    found: dict[str, list[str]] = {}
    for team in teams:
        entry = declared.get(team) if isinstance(declared, Mapping) else None
        members = entry.get("members") if isinstance(entry, Mapping) else None
        if isinstance(members, list) and members:
            found[team] = [str(m) for m in members]
    return found

"""Whether ``notifications.contacts.team_leads`` reaches the teams the policy declares.

A letter to a case's ``team_lead`` goes to the address keyed there by the case's team id.
A key that is no declared team (``qualty:``) is never read, and a team with no key sends
its leads' letters nowhere: a dead letter at each event, found weeks later. A team's own
``email:`` is a note for whoever reads the policy, which looks like that address but is
not one. Both load and run, so they are warnings.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from complaintkit.errors import Problem
from complaintkit.policy.catalog import closest_id, usable_ids
from complaintkit.policy.sections import Locate
from complaintkit.policy.source import join

ROLE = "team_lead"
_PLACE = "notifications.contacts.team_leads"
_CONTACTS = frozenset({"owners", "team_leads", "managers"})


def team_lead_address_warnings(data: Mapping[str, Any], path: str, locate: Locate) -> list[Problem]:
    """A warning at each ``team_leads`` key that is no team, and, when a letter goes to a
    team lead, at each team without an address there (at its ``email``, else at the first
    rule or action sending such a letter)."""
    teams = data.get("teams")
    section = data.get("notifications")
    contacts = section.get("contacts") if isinstance(section, Mapping) else None
    leads = contacts.get("team_leads") if isinstance(contacts, Mapping) else None
    if not isinstance(teams, Mapping) or not teams:
        return []
    if leads is not None and not isinstance(leads, Mapping):
        return []  # the schema's error says what to write
    if isinstance(contacts, Mapping) and contacts.keys() - _CONTACTS:
        return []  # a misspelt team_leads: the schema names it, the rest follows from it
    leads = leads or {}
    declared = [str(team) for team in teams]
    problems = [
        Problem(
            locate(join(path, f"{_PLACE}.{key}")),
            f"team_leads gives an address for team {key!r}, which the policy does not "
            "declare: no case is of that team, so no letter goes to it",
            _meant(str(key), declared),
            severity="warning",
            code="unknown-team-lead",
        )
        for key in leads
        if key not in teams
    ]
    senders = list(_team_lead_senders(data, path))
    missing = [team for team in declared if team not in leads]
    if not senders or not missing:
        return problems
    without_email = []
    for team in missing:
        entry = teams[team]
        email = entry.get("email") if isinstance(entry, Mapping) else None
        if not isinstance(email, str) or not email:
            without_email.append(team)
            continue
        problems.append(
            Problem(
                locate(join(path, f"teams.{team}.email")),
                f"team {team!r} has no address under {_PLACE}, so the {ROLE} letters of "
                f"its cases (sent by {senders[0]}) go to no one: its email is a note no letter is "
                "sent to",
                f"write {team}: {email} under {_PLACE}",
                severity="warning",
                code="no-team-lead-address",
            )
        )
    if without_email:
        named = ", ".join(repr(team) for team in without_email)
        example = ", ".join(f"{team}: lead@example.com" for team in without_email)
        problems.append(
            Problem(
                locate(senders[0]),
                f"this sends a letter to the {ROLE}, but team{'s' * (len(without_email) > 1)} "
                f"{named} {'have' if len(without_email) > 1 else 'has'} no address under "
                f"{_PLACE}: the letters of {'their' if len(without_email) > 1 else 'its'} "
                "cases go to no one",
                f"add {{{example}}} under {_PLACE}",
                severity="warning",
                code="no-team-lead-address",
            )
        )
    return problems


def _meant(key: str, declared: list[str]) -> str:
    close = closest_id(key, declared)
    if close is not None:
        return f"did you mean {close!r}? key it by the team's id"
    return f"key it by one of the declared teams: {', '.join(usable_ids(declared))}"


def _team_lead_senders(data: Mapping[str, Any], path: str) -> Iterator[str]:
    """The paths of the rules' ``notify`` lists and the escalation actions writing to a
    team lead, in the order they are written."""
    section = data.get("notifications")
    rules = section.get("rules") if isinstance(section, Mapping) else None
    for i, rule in enumerate(rules if isinstance(rules, list) else []):
        notify = rule.get("notify") if isinstance(rule, Mapping) else None
        if isinstance(notify, list) and ROLE in notify:
            yield join(path, f"notifications.rules[{i}].notify")
    escalation = data.get("escalation")
    ladders = escalation.get("ladders") if isinstance(escalation, Mapping) else None
    for i, ladder in enumerate(ladders if isinstance(ladders, list) else []):
        levels = ladder.get("levels") if isinstance(ladder, Mapping) else None
        for j, level in enumerate(levels if isinstance(levels, list) else []):
            actions = level.get("actions") if isinstance(level, Mapping) else None
            for k, action in enumerate(actions if isinstance(actions, list) else []):
                notify = action.get("notify") if isinstance(action, Mapping) else None
                if isinstance(notify, Mapping) and notify.get("role") == ROLE:
                    where = f"escalation.ladders[{i}].levels[{j}].actions[{k}].notify.role"
                    yield join(path, where)

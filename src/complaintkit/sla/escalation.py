"""Escalation ladders: ordered levels that fire once per case when their trigger holds.

Triggers are one of: a fraction of an SLA clock's budget elapsed (past 1.0 too — "twice
the time allowed"), a duration since the last occurrence of a signal ("2 days since the
last response"), or a condition on the case. A level may add a ``when`` guard to a timed
trigger. Actions become drafts: notifying a role or person is a ``notification_requested``
event the notifiers route; reassigning, raising priority or severity and tagging are the
ordinary ``assigned``/``classified`` events; approval is an ``approval_requested`` event.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import attrs

from complaintkit.model.case import Case
from complaintkit.model.drafts import Draft
from complaintkit.model.instants import iso_text
from complaintkit.policy.conditions import Condition
from complaintkit.policy.facts import Facts
from complaintkit.sla.durations import Duration
from complaintkit.sla.metrics import percentage
from complaintkit.sla.reckoning import CalendarChoice
from complaintkit.sla.timeline import Timeline


@attrs.frozen
class Trigger:
    """Exactly one of ``sla``+``fraction``, ``since``+``after``, or ``condition``."""

    sla: str | None = None
    fraction: float | None = None
    since: str | None = None
    after: Duration | None = None
    after_text: str = ""
    calendar: str | None = None
    #: a ``since`` trigger's calendar chosen by a field of the case (``calendar`` its default)
    choice: CalendarChoice | None = None
    condition: Condition | None = None

    def describe(self) -> str:
        if self.sla is not None:
            assert self.fraction is not None  # an sla trigger has both
            return f"{percentage(self.fraction)} of {self.sla} elapsed"
        if self.since is not None:
            return f"{self.after_text} since {self.since}"
        assert self.condition is not None
        return f"when {self.condition.describe()}"

    def calendar_for(self, facts: Facts | None) -> str | None:
        """The calendar a ``since`` trigger counts on for a case with ``facts``."""
        return self.calendar if self.choice is None else self.choice.choose(facts)[0]

    def since_instant(self, mark: datetime, calendar: Timeline) -> datetime:
        assert self.after is not None
        return calendar.deadline(mark, self.after)


@attrs.frozen
class Action:
    """One thing a level does; ``kind`` is notify | reassign | raise_priority |
    raise_severity | add_tags | require_approval."""

    kind: str
    args: dict[str, Any]
    #: for ``raise_priority``/``raise_severity``: the ids the vocabulary ranks above the
    #: value (it lists the most urgent, the most severe first); a case at one keeps it
    above: tuple[str, ...] = ()

    def draft(self, ladder: str, level: str, reason: str, case: Case | None) -> Draft | None:
        """The action's draft on ``case`` as the level found it; None when there is
        nothing to do (raising a case already above the value would lower it, handing it to
        the owner it has changes nothing)."""
        args = self.args
        if self.kind == "notify":
            return Draft(
                "notification_requested", {**args, "ladder": ladder, "level": level}, reason
            )
        if self.kind == "reassign":
            owner, team = args["owner"], args.get("team")
            held = case is not None and case.held_by(owner, team)
            return None if held else Draft("assigned", {"owner": owner, "team": team}, reason)
        if self.kind in ("raise_priority", "raise_severity"):
            field = self.kind.removeprefix("raise_")
            if case is not None and getattr(case, field) in self.above:
                return None
            return Draft("classified", {field: args["value"], "reasons": [reason]}, reason)
        if self.kind == "add_tags":
            return Draft("classified", {"tags": list(args["tags"]), "reasons": [reason]}, reason)
        return Draft("approval_requested", {**args, "ladder": ladder, "level": level}, reason)


@attrs.frozen
class Level:
    name: str
    index: int  # 1-based; the case's escalation_level is the highest index fired
    trigger: Trigger
    actions: tuple[Action, ...]
    when: Condition | None = None


@attrs.frozen
class Ladder:
    name: str
    levels: tuple[Level, ...]
    when: Condition | None = None

    def fire(
        self,
        level: Level,
        state: dict[str, Any],
        at: datetime,
        due: datetime | None,
        case: Case | None = None,
    ) -> list[Draft]:
        """The drafts of one firing on ``case`` as the level finds it: the ``escalated``
        event, then each action's that has something to do."""
        fired = {**state.get("fired", {}), level.name: iso_text(at)}
        new_state = {**state, "ladder": self.name, "fired": fired}
        trigger = level.trigger.describe()
        reason = f"escalation {self.name}/{level.name}: {trigger}"
        data: dict[str, Any] = {
            "ladder": self.name,
            "level": level.name,
            "index": level.index,
            "trigger": trigger,
            "due_at": None if due is None else iso_text(due),
            "state": new_state,
        }
        drafts = [Draft("escalated", data, reason)]
        for action in level.actions:
            draft = action.draft(self.name, level.name, reason, case)
            if draft is not None:
                drafts.append(draft)
        return drafts


def ranked(ladders: tuple[Ladder, ...], document: Mapping[str, Any]) -> tuple[Ladder, ...]:
    """``ladders`` with each ``raise_priority``/``raise_severity`` action knowing the ids
    ``document``'s vocabulary lists before its value, so that it never lowers a case."""

    def rank(action: Action) -> Action:
        field = {"raise_priority": "priorities", "raise_severity": "severities"}.get(action.kind)
        vocabulary = document.get(field) if field else None
        if not isinstance(vocabulary, Mapping):
            return action
        ids = [str(key) for key in vocabulary]
        value = action.args["value"]
        return attrs.evolve(action, above=tuple(ids[: ids.index(value)] if value in ids else ()))

    return tuple(
        attrs.evolve(
            ladder,
            levels=tuple(
                attrs.evolve(level, actions=tuple(rank(a) for a in level.actions))
                for level in ladder.levels
            ),
        )
        for ladder in ladders
    )

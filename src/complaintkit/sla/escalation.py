"""Escalation ladders: ordered levels that fire once per case when their trigger holds.

Triggers are one of: a fraction of an SLA clock's budget elapsed (past 1.0 too — "twice
the time allowed"), a duration since the last occurrence of a signal ("2 days since the
last response"), or a condition on the case. A level may add a ``when`` guard to a timed
trigger. Actions become drafts: notifying a role or person is a ``notification_requested``
event the notifiers route; reassigning, raising priority or severity and tagging are the
ordinary ``assigned``/``classified`` events; approval is an ``approval_requested`` event.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import attrs

from complaintkit.model.drafts import Draft
from complaintkit.model.instants import iso_text
from complaintkit.policy.conditions import Condition
from complaintkit.sla.durations import Duration
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
    condition: Condition | None = None

    def describe(self) -> str:
        if self.sla is not None:
            return f"{self.fraction:.0%} of {self.sla} elapsed"
        if self.since is not None:
            return f"{self.after_text} since {self.since}"
        assert self.condition is not None
        return f"when {self.condition.describe()}"

    def since_instant(self, mark: datetime, calendar: Timeline) -> datetime:
        assert self.after is not None
        return calendar.deadline(mark, self.after)


@attrs.frozen
class Action:
    """One thing a level does; ``kind`` is notify | reassign | raise_priority |
    raise_severity | add_tags | require_approval."""

    kind: str
    args: dict[str, Any]

    def draft(self, ladder: str, level: str, reason: str) -> Draft:
        args = self.args
        if self.kind == "notify":
            return Draft(
                "notification_requested", {**args, "ladder": ladder, "level": level}, reason
            )
        if self.kind == "reassign":
            return Draft("assigned", {"owner": args["owner"], "team": args.get("team")}, reason)
        if self.kind in ("raise_priority", "raise_severity"):
            field = self.kind.removeprefix("raise_")
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
        self, level: Level, state: dict[str, Any], at: datetime, due: datetime | None
    ) -> list[Draft]:
        """The drafts of one firing: the ``escalated`` event, then each action's."""
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
        drafts += [action.draft(self.name, level.name, reason) for action in level.actions]
        return drafts

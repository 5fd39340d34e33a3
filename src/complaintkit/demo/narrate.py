"""One line of plain language per case event, for the demo's account of the day.

Bookkeeping events (``sla_scheduled``, the promise that repeats a clock's start) are left
out so a reader sees what a person at the desk would care about: who did what, which
deadline was promised, warned about or missed, who was notified and what money moved.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo
from typing import Any

import attrs

from complaintkit.model.events import CaseEvent

#: Events that only keep the engines' books.
HIDDEN = frozenset({"sla_scheduled", "deadline_promised"})


def moment(value: datetime | str | None, zone: tzinfo, day: datetime) -> str:
    """``14:00`` on the demo's day, ``11-24 09:00`` on another, in the shop's time zone."""
    if value is None:
        return "-"
    at = (datetime.fromisoformat(value) if isinstance(value, str) else value).astimezone(zone)
    return f"{at:%H:%M}" if at.date() == day.date() else f"{at:%m-%d %H:%M}"


def _money(data: Mapping[str, Any] | None) -> str:
    return "-" if not data else f"{data['amount']} {data['currency']}"


def _label(remedy: Mapping[str, Any], language: str) -> str:
    labels: Mapping[str, str] = remedy.get("label") or {}
    return labels.get(language) or labels.get("en") or str(remedy["kind"])


@attrs.frozen
class Narrator:
    """Tells one case's events: ``zone`` and ``day`` for times, ``promised`` the metrics
    whose deadline the customer was told, ``language`` the customer's (remedy labels)."""

    zone: tzinfo
    day: datetime
    promised: frozenset[str] = frozenset()
    language: str = "en"

    def at(self, value: datetime | str | None) -> str:
        return moment(value, self.zone, self.day)

    def describe(self, event: CaseEvent) -> str | None:
        """The event as a sentence, or None for bookkeeping."""
        if event.kind in HIDDEN:
            return None
        special = {
            "classified": self._classified,
            "sla_started": self._started,
            "sla_warning": self._warning,
            "sla_breached": self._breached,
            "compensation_proposed": self._proposal,
        }.get(event.kind)
        if special is not None:
            return special(event.data)
        return _simple(event)

    def _classified(self, data: Mapping[str, Any]) -> str:
        grades = [data[k] for k in ("category", "severity", "priority") if k in data]
        tags = f"tags {', '.join(data['tags'])}" if data.get("tags") else ""
        if len(grades) == 3:
            return f"classified {' / '.join(grades)}" + (f", {tags}" if tags else "")
        raised = [f"{k} → {data[k]}" for k in ("severity", "priority") if k in data]
        return ", ".join([*raised, *([tags] if tags else [])])

    def _started(self, data: Mapping[str, Any]) -> str:
        clock = data["clock"]
        told = " — promised to the customer" if data["metric"] in self.promised else ""
        return f"deadline: {data['metric']} by {self.at(clock['due_at'])} ({clock['target']}){told}"

    def _warning(self, data: Mapping[str, Any]) -> str:
        due = self.at(data["clock"]["due_at"])
        return f"⚠ warning: {data['metric']} has used {data['label']} of its time; due {due}"

    def _breached(self, data: Mapping[str, Any]) -> str:
        return f"✗ breach: {data['metric']} missed its deadline ({self.at(data['due_at'])})"

    def _proposal(self, data: Mapping[str, Any]) -> str:
        decision = data["decision"]
        parts = [
            f"{_label(r, self.language)} {_money(r['amount'])}"
            if r["amount"]
            else _label(r, self.language)
            for r in decision["remedies"]
        ]
        needs = decision.get("approvals_needed") or []
        approval = f"; needs {', '.join(needs)} approval" if needs else ""
        rows = ", ".join(decision["rows"]) or "default"
        return (
            f"compensation {data['id']} proposed (row {rows}): {' + '.join(parts)} "
            f"= {_money(decision['total'])}{approval}"
        )


def _simple(event: CaseEvent) -> str:
    data, kind = event.data, event.kind
    if kind in ("sla_stopped", "sla_paused", "sla_resumed") and event.reason:
        return event.reason
    text = {
        "assigned": f"assigned to {data.get('owner')}",
        "responded": f"replied: {data.get('message')}",
        "noted": f"internal note: {data.get('text')}",
        "transitioned": f"{data.get('from')} → {data.get('to')}",
        "root_cause": f"root cause ({data.get('nature')}, {data.get('fishbone')}): "
        + " → ".join(map(str, data.get("whys", []))),
        "satisfaction": f"follow-up: satisfaction {data.get('score')}/5 {data.get('comment') or ''}",
        "escalated": f"escalated to {data.get('ladder')}/{data.get('level')} ({data.get('trigger')})",
        "notification_requested": f"escalation asks to notify {data.get('role') or data.get('person')}",
        "compensation_approved": f"compensation {data.get('id')} approved as {data.get('role')}",
        "compensation_offered": f"compensation {data.get('id')} offered to the customer",
        "compensation_accepted": f"compensation {data.get('id')} accepted by the customer",
        "compensation_declined": f"compensation {data.get('id')} declined",
    }.get(kind, event.reason or kind)
    return f"{text} ({event.reason})" if kind == "transitioned" and event.reason else text

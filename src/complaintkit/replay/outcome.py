"""What a policy made of one case: the figures a replay compares between two policies."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any

import attrs

from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.model.money import ARITHMETIC
from complaintkit.reports.metrics import money_figure

#: The case fields a policy decides, compared value by value.
DECIDED = ("category", "severity", "priority", "team", "owner")


def value_text(value: str | None) -> str:
    """A decided value as the text output writes it: unset is ``(none)``, not ``None``."""
    return "(none)" if value is None else value


def _instant_text(at: datetime | None) -> str:
    """A deadline as the text output writes it: none running is ``(none)``."""
    return "(none)" if at is None else at.isoformat()


@attrs.frozen
class Outcome:
    """One case's result under one policy."""

    case_id: str
    decided: dict[str, str | None]
    breached: frozenset[str]
    warnings: int
    escalation_level: int
    #: Compensation proposed, per currency (the decisions' totals).
    money: dict[str, Decimal]
    #: The earliest instant the SLA engine has work on the case (``Case.next_deadline``).
    due: datetime | None = None
    #: When each clock still running and not breached runs out: a candidate's calendar or
    #: target moves it before any outcome changes.
    deadlines: dict[str, datetime] = attrs.field(factory=dict)
    #: Each clock not breached that is not running: ``paused``, or how it stopped (``met``,
    #: ``cancelled``); a candidate that pauses or stops it elsewhere changes the case.
    halted: dict[str, str] = attrs.field(factory=dict)

    @classmethod
    def of(cls, case: Case, events: Iterable[CaseEvent]) -> Outcome:
        money: dict[str, Decimal] = {}
        for entry in case.compensation:
            total = entry.get("decision", {}).get("total") or {}
            if "currency" in total:
                before = money.get(total["currency"], Decimal(0))
                money[total["currency"]] = ARITHMETIC.add(before, Decimal(str(total["amount"])))
        return cls(
            case_id=case.id,
            decided={name: getattr(case, name) for name in DECIDED},
            breached=frozenset(
                metric
                for metric, state in case.clocks.metrics.items()
                if state.breached_at is not None
            ),
            warnings=sum(event.kind == "sla_warning" for event in events),
            escalation_level=case.escalation_level,
            money=money,
            due=case.next_deadline,
            deadlines={
                metric: state.due_at
                for metric, state in case.clocks.metrics.items()
                if state.state == "running" and state.breached_at is None and state.due_at
            },
            halted={
                metric: "paused" if state.state == "paused" else state.outcome or "stopped"
                for metric, state in case.clocks.metrics.items()
                if state.state != "running" and state.breached_at is None
            },
        )

    def _clock_text(self, metric: str) -> str | None:
        """How a clock stands at the end: due when, paused, met, cancelled; None untimed."""
        if metric in self.breached:
            return "breached"
        if metric in self.deadlines:
            return f"due {self.deadlines[metric].isoformat()}"
        return self.halted.get(metric)

    def changes(self, candidate: Outcome) -> list[str]:
        """How ``candidate`` differs, one phrase per difference (empty: the same)."""
        found = [
            f"{name} {value_text(self.decided[name])} → {value_text(candidate.decided[name])}"
            for name in DECIDED
            if self.decided[name] != candidate.decided[name]
        ]
        found += [f"{m} breached" for m in sorted(candidate.breached - self.breached)]
        found += [f"{m} no longer breached" for m in sorted(self.breached - candidate.breached)]
        if self.warnings != candidate.warnings:
            found.append(f"warnings {self.warnings} → {candidate.warnings}")
        # a deadline on one side only is a change too: a candidate that no longer times a
        # metric takes the promise away from the case; one that pauses or stops its clock
        # elsewhere (met where it was cancelled) says in which state
        clocked = self.deadlines.keys() | candidate.deadlines.keys()
        for metric in sorted(clocked | self.halted.keys() | candidate.halted.keys()):
            if metric in self.breached | candidate.breached:
                continue  # its breach is said above
            was, now = self._clock_text(metric), candidate._clock_text(metric)
            if was == now:
                continue
            if metric in self.halted or metric in candidate.halted:
                found.append(f"{metric} {value_text(was)} → {value_text(now)}")
            else:  # due on one side at least: the old wording, "due … → …"
                was_due, now_due = self.deadlines.get(metric), candidate.deadlines.get(metric)
                found.append(f"{metric} due {_instant_text(was_due)} → {_instant_text(now_due)}")
        if self.escalation_level != candidate.escalation_level:
            found.append(f"escalation level {self.escalation_level} → {candidate.escalation_level}")
        for currency in sorted(self.money.keys() | candidate.money.keys()):
            before = self.money.get(currency, Decimal(0))
            after = candidate.money.get(currency, Decimal(0))
            if before != after:
                shown = [money_figure(amount, currency) for amount in (before, after)]
                found.append(f"compensation {shown[0]} → {shown[1]} {currency}")
        return found

    def to_json(self) -> dict[str, Any]:
        return {
            **self.decided,
            "breached": sorted(self.breached),
            "warnings": self.warnings,
            "escalation_level": self.escalation_level,
            "due": {m: at.isoformat() for m, at in sorted(self.deadlines.items())},
            "clocks": {
                m: self._clock_text(m)
                for m in sorted(self.deadlines.keys() | self.halted.keys() | self.breached)
            },
            "compensation": {c: money_figure(a, c) for c, a in sorted(self.money.items())},
        }

"""Shared builders for the SLA tests: a policy object carrying ``.sla``, desks, complaints."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.clocks import ClockState
from complaintkit.model.complaint import Complaint
from complaintkit.plugins import Plugins
from complaintkit.policy.assessment import Assessment, History
from complaintkit.policy.compiled import Policy
from complaintkit.sla.policy import SlaPolicy, compile_sections
from complaintkit.storage.base import Storage
from opened import OPENED

START = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # Monday 09:00 in Shanghai

OFFICE = {
    "timezone": "Asia/Shanghai",
    "hours": {"mon-fri": ["09:00-12:00", "13:30-18:00"]},
}


@attrs.frozen
class SlaTestPolicy:
    """The smallest policy carrying an SLA section: priority from the complaint's attributes."""

    sla: SlaPolicy | None
    version: str = "1"
    catalog: None = None
    compensation: None = None
    notifications: None = None
    incidents: None = None
    gates: None = None

    def assess(self, complaint: Complaint, history: History) -> Assessment:
        priority = str(complaint.attributes.get("priority", "normal"))
        return Assessment(
            category="product", severity="normal", priority=priority, owner="li.na", team="care"
        )


def complaint(n: int = 1, at: datetime = START, **attributes: Any) -> dict[str, Any]:
    return {
        "channel": "email",
        "external_id": f"m-{n}",
        "received_at": at.isoformat(),
        "customer": {"id": f"c-{n}", "name": "王女士"},
        "text": "收到的商品有破损",
        "attributes": attributes,
    }


def make_desk(
    document: Mapping[str, Any],
    *,
    start: datetime = START,
    storage: Storage | str = "memory:",
    version: str = "1",
    plugins: Plugins | None = None,
) -> tuple[Desk, ManualClock]:
    """A Desk on a manual clock whose policy carries only the SLA sections of ``document``;
    its own ``Plugins`` unless ``plugins`` is given (see ``shared_plugins``)."""
    clock = ManualClock(start)
    policy = SlaTestPolicy(compile_sections(document), version)
    desk = Desk(policy, storage=storage, clock=clock, plugins=plugins)
    if isinstance(storage, str):
        OPENED.append(desk.storage)
    return desk, clock


@functools.cache
def shared_plugins() -> Plugins:
    """The installed plugins, gathered once: what ``Desk`` would build again for each Desk
    (some 70 ms). Only for Desks that register nothing of their own into it — a property's
    hundreds of Desks — since every Desk given it shares its plugin manager."""
    return Plugins()


#: A policy whose clocks use every part of their state: warnings, an extension, end rule
#: and roll-forward, per-row pause statuses, a reopen that starts a new cycle, and an
#: escalation ladder with an SLA fraction and a ``since`` trigger (marks).
LIVED: dict[str, Any] = {
    "calendars": {"office": {**OFFICE, "holiday_country": "CN"}},
    "sla": {
        "calendar": "office",
        "warnings": [0.5],
        "metrics": {"resolution": {"reopen": "new_cycle"}},
        "targets": [
            {
                "first_response": "10h",
                "resolution": {
                    "within": "3个工作日",
                    "ends": "close_of_business",
                    "roll": "next_business_day",
                    "extend": [{"upon": "extended", "by": "2个工作日"}],
                    "pause_in": ["waiting_on_customer"],
                },
            }
        ],
    },
    "escalation": {
        "ladders": [
            {
                "name": "standard",
                "levels": [
                    {
                        "name": "lead",
                        "trigger": {"sla": "first_response", "elapsed": 0.8},
                        "actions": [{"add_tags": ["at_risk"]}],
                    },
                    {
                        "name": "stale",
                        "trigger": {"since": "responded", "after": "5h"},
                        "actions": [{"add_tags": ["stale"]}],
                    },
                ],
            }
        ]
    },
}


def lived_case(storage: Storage | str = "memory:") -> tuple[Desk, str]:
    """A case taken through respond, resolve, reopen (a second cycle), then a pause, a
    resumption, an extension and a late tick under ``LIVED``; returns the Desk and its id."""
    desk, clock = make_desk(LIVED, storage=storage)
    case_id = desk.intake(complaint(priority="normal")).id
    hour = timedelta(hours=1)
    clock.advance(9 * hour)
    desk.tick()
    desk.respond(case_id, "我们正在处理", actor="li.na")
    clock.advance(20 * hour)
    desk.resolve(case_id, "换货", actor="li.na")
    clock.advance(2 * hour)
    desk.reopen(case_id, actor="li.na", reason="问题复发")
    desk.respond(case_id, "再次处理", actor="li.na")
    desk.transition(case_id, "waiting_on_customer", actor="li.na")
    clock.advance(20 * hour)
    desk.transition(case_id, "investigating", actor="li.na")
    desk.record_event(case_id, "extended", actor="li.na", reason="需要厂家检测")
    clock.advance(3 * hour)
    desk.transition(case_id, "waiting_on_customer", actor="li.na")
    desk.tick(clock.now() + 200 * hour)
    return desk, case_id


def reopened_due(
    policy: Policy, received: datetime, resolved: datetime, reopened: datetime
) -> datetime | None:
    """The resolution deadline of a case under ``policy`` received, resolved and reopened
    at those instants."""
    clock = ManualClock(received)
    desk = Desk(policy, storage="memory:", clock=clock)
    case = desk.intake(
        {
            "channel": "email",
            "external_id": "R-1",
            "received_at": received.isoformat(),
            "customer": {"id": "C-1"},
            "text": "A card payment was taken twice",
        }
    )
    desk.transition(case.id, "investigating", actor="office")
    clock.set(resolved)
    desk.resolve(case.id, "refunded", actor="office")
    clock.set(reopened)
    desk.reopen(case.id, actor="office", reason="the customer wrote again")
    return desk.get(case.id).clocks.metrics["resolution"].due_at


#: When the complaints of ``first_response_from`` are received.
SENT_RECEIVED = datetime(2019, 9, 30, 12, tzinfo=UTC)
#: A first response due 48 hours from the complaint's ``sent`` attribute, on New York's
#: 24x7 calendar: the policy the tests of what ``from:`` reads start their clocks with.
_FROM_SENT: dict[str, Any] = {
    "calendars": {"eastern": {"timezone": "America/New_York", "hours": "24x7"}},
    "sla": {
        "calendar": "eastern",
        "warnings": [],
        "targets": [
            {"first_response": {"within": "48 hours", "from": "complaint.attributes.sent"}}
        ],
    },
}


def first_response_from(sent: str) -> ClockState:
    """The first-response clock of a complaint whose ``sent`` attribute is ``sent``."""
    desk, _ = make_desk(_FROM_SENT, start=SENT_RECEIVED)
    taken = desk.intake(complaint(at=SENT_RECEIVED, sent=sent))
    return taken.clocks.metrics["first_response"]

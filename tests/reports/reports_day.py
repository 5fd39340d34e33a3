"""A small day of cases built through the Desk on every backend, with hand-computed answers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

import attrs
import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.case import RootCause
from complaintkit.model.clocks import ClockState
from complaintkit.model.complaint import Complaint
from complaintkit.model.drafts import Draft
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.assessment import Assessment, EmptyPolicy, History
from complaintkit.reports import ReportSource, open_source

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
H = timedelta(hours=1)

#: external id → (category, severity)
GRADES = {
    "A": ("product", "high"),
    "B": ("product", "normal"),
    "C": ("service", "normal"),
    "D": ("delivery", "low"),
}


@attrs.frozen
class GradingPolicy(EmptyPolicy):
    version: str = "test"

    def assess(self, complaint: Complaint, history: History) -> Assessment:
        category, severity = GRADES.get(complaint.external_id, ("other", "normal"))
        return Assessment(category=category, severity=severity, owner="li.na")


def local_plugins() -> Plugins:
    """Built-in plugins only: tests do not depend on what else is installed."""
    return Plugins(plugin_manager(load_entrypoints=False))


def complaint(
    key: str, channel: str, at: datetime, product: str | None = None, **attributes: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "channel": channel,
        "external_id": key,
        "received_at": at.isoformat(),
        "customer": {"id": f"cust-{key}"},
        "text": f"complaint {key}",
    }
    if product is not None:
        data["product"] = product
    if attributes:
        data["attributes"] = attributes
    return data


def set_fields(desk: Desk, case_id: str, **fields: Any) -> None:
    """Stand in for the SLA and compensation engines, which write through ``fields_set``
    (under a fixture's name: a caller's step may not be recorded as ``system``)."""
    draft = Draft("fields_set", {"fields": fields}, actor="reports-fixture")
    desk._change(case_id, lambda case: [draft])


def clock_json(outcome: Literal["met", "breached"] | None) -> dict[str, Any]:
    """A clock's JSON as the SLA engine stores it: met, met after its breach, or running."""
    stamp = T0 + H
    state = ClockState(
        state="running" if outcome is None else "stopped",
        target="1h",
        calendar=None,
        business=False,
        budget=H,
        started_at=T0,
        resumed_at=T0,
        met_at=None if outcome is None else stamp,
        breached_at=stamp if outcome == "breached" else None,
        outcome=outcome,
    )
    return state.to_json()


def play_day(desk: Desk, clock: ManualClock) -> dict[str, str]:
    ids: dict[str, str] = {}

    def at(hours: float) -> None:
        clock.set(T0 + hours * H)

    at(0)
    ids["A"] = desk.intake(complaint("A", "web", T0, "P1")).id
    at(1)
    desk.respond(ids["A"], "received", actor="li.na")
    ids["B"] = desk.intake(complaint("B", "phone", T0 + H, "P1")).id
    at(2)
    ids["C"] = desk.intake(complaint("C", "web", T0 + 2 * H, "P2")).id
    at(2.5)
    desk.respond(ids["C"], "received", actor="li.na")
    at(3)
    ids["D"] = desk.intake(complaint("D", "email", T0 + 3 * H)).id
    desk.transition(ids["D"], "withdrawn", actor="li.na", reason="customer withdrew")
    at(4)
    desk.respond(ids["B"], "received", actor="li.na")
    at(5)
    desk.resolve(ids["A"], "replaced", actor="li.na")
    at(6)
    desk.follow_up(ids["A"], 5, actor="li.na")
    seal = RootCause.from_json(
        {"fishbone": "product", "whys": ["leaked", "bad seal"], "nature": "systemic"}
    )
    desk.record_root_cause(ids["A"], seal, actor="li.na")
    desk.record_root_cause(ids["C"], seal, actor="li.na")
    at(11)
    desk.resolve(ids["B"], "refunded", actor="li.na")
    at(12)
    desk.reopen(ids["B"], actor="li.na", reason="still broken")
    at(21)
    desk.resolve(ids["B"], "replaced", actor="li.na")
    at(22)
    desk.follow_up(ids["B"], 2, actor="li.na")
    desk.record_root_cause(
        ids["B"],
        RootCause.from_json({"fishbone": "process", "whys": ["no check"], "nature": "incidental"}),
        actor="li.na",
    )
    met, breached, running = clock_json("met"), clock_json("breached"), clock_json(None)
    set_fields(desk, ids["A"], clocks={"first_response": met, "resolution": met})
    set_fields(desk, ids["B"], clocks={"first_response": breached}, escalation_level=2)
    set_fields(
        desk, ids["C"], clocks={"first_response": met, "resolution": running}, escalation_level=1
    )
    # an offer left unanswered when D was withdrawn: it lapsed, and is money nobody gave
    set_fields(desk, ids["D"], clocks={}, compensation=[entry("offered", ("voucher", "30", "CNY"))])
    # entries as the compensation events leave them (model.compensation): one decision each
    set_fields(
        desk,
        ids["A"],
        compensation=[
            entry("accepted", ("refund", "12.50", "CNY"), ("voucher", "20", "CNY")),
            entry("proposed", ("voucher", "99", "CNY")),
        ],
    )
    set_fields(
        desk,
        ids["B"],
        compensation=[
            entry("offered", ("refund", "7.50", "CNY")),
            entry("declined", ("refund", "5", "USD")),
            entry("offered", ("apology", None, None)),
            "not a decision",
        ],
    )
    return ids


def entry(status: str, *remedies: tuple[str, str | None, str | None]) -> dict[str, Any]:
    """A compensation entry holding one decision with these (kind, amount, currency)."""
    return {
        "id": f"comp-{status}",
        "status": status,
        "decision": {
            "remedies": [
                {
                    "kind": kind,
                    "amount": None if amount is None else {"amount": amount, "currency": cur},
                }
                for kind, amount, cur in remedies
            ]
        },
    }


@pytest.fixture(name="backend", params=["memory", "sqlite"])
def backend_fixture(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[Desk, ManualClock]]:
    url = "memory:" if request.param == "memory" else f"sqlite:///{tmp_path / 'cases.db'}"
    clock = ManualClock(T0)
    desk = Desk(GradingPolicy(), storage=url, clock=clock, plugins=local_plugins())
    yield desk, clock
    desk.storage.close()


@pytest.fixture(name="day")
def day_fixture(backend: tuple[Desk, ManualClock]) -> Iterator[tuple[ReportSource, dict[str, str]]]:
    desk, clock = backend
    ids = play_day(desk, clock)
    source = open_source(desk.storage)
    yield source, ids
    close = getattr(source, "close", None)
    if close is not None:
        close()

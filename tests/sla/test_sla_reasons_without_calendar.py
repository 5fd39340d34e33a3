"""The reasons the SLA engine stores on a case (``due …``, ``breached: … ran out at …``,
``promised by …``, ``next SLA check at …``) are read by people in ``cases show``, audit
exports and letters. A policy without a calendar of its own counts on the built-in 24x7,
which keeps UTC, a zone no author wrote: its reasons are written in the offset the
complaint was received in, as the status page and ``explain`` show the same instants.
A policy that declares a calendar keeps writing them in that calendar's zone."""

from __future__ import annotations

import functools
import re
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import Policy, load_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
TARGETS = """
sla:
  warnings: [0.5]
  metrics:
    first_response: {start: [opened], stop: [responded], promise: true}
  targets:
    - first_response: 24 hours
      resolution: 72 hours
"""
OFFSET = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?([+-]\d\d:\d\d)")


def _policy(tmp_path: Path, policy: str) -> Policy:
    path = tmp_path / "policy.yaml"
    path.write_text(f"complaintkit: 1\nextends: {BASE}\n{policy}", encoding="utf-8")
    return load_policy(path)


@functools.cache
def _without_calendar() -> Policy:
    return _policy(Path(tempfile.mkdtemp()), TARGETS)


def _offsets(desk: Desk, case_id: str) -> set[str]:
    return {
        found for event in desk.storage.events(case_id) for found in OFFSET.findall(event.reason)
    }


@settings(max_examples=20, deadline=None)
@given(
    hours=st.integers(min_value=-11, max_value=13),
    minute=st.sampled_from([0, 30, 45]),
    seconds=st.integers(min_value=0, max_value=2 * 365 * 86_400),
)
def test_reasons_are_written_in_the_received_offset(hours: int, minute: int, seconds: int) -> None:
    sign = -1 if hours < 0 else 1
    zone = timezone(sign * timedelta(hours=abs(hours), minutes=minute))
    received = datetime(2026, 1, 1, tzinfo=zone) + timedelta(seconds=seconds)
    offset = received.isoformat()[-6:]
    desk = Desk(_without_calendar(), storage="memory://", clock=ManualClock(received))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "1",
            "received_at": received.isoformat(),
            "customer": {"id": "c-1"},
            "text": "the parcel never came",
        }
    )
    desk.clock.advance(timedelta(hours=80))  # type: ignore[attr-defined]
    desk.tick()
    kinds = {event.kind for event in desk.storage.events(case.id)}
    assert {"sla_started", "deadline_promised", "sla_warning", "sla_breached"} <= kinds
    assert _offsets(desk, case.id) == {offset}


def test_a_declared_calendar_keeps_its_own_zone(tmp_path: Path) -> None:
    policy = (
        "calendars:\n  shop: {timezone: Asia/Shanghai, hours: {mon-fri: [09:00-18:00]}}\n"
        + TARGETS.replace("sla:\n", "sla:\n  calendar: shop\n")
    )
    received = datetime.fromisoformat("2026-11-23T09:00:00-05:00")
    desk = Desk(_policy(tmp_path, policy), storage="memory://", clock=ManualClock(received))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "1",
            "received_at": received.isoformat(),
            "customer": {"id": "c-1"},
            "text": "the parcel never came",
        }
    )
    assert _offsets(desk, case.id) == {"+08:00"}

"""A policy without a calendar of its own (targets in plain hours, or no SLA section) counts
on the built-in 24x7, which keeps UTC. Its letters still tell the customer the time as they
read it: in the offset the complaint was received in, not UTC (a complaint made at 09:00
+08:00 was not received at 01:00). A calendar the policy declares keeps its zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
BODY = "{case.opened_at}|{event.at}|{case.first_response_due}|{case.due.resolution}"
HOURS = {"targets": [{"first_response": "24 hours", "resolution": "72 hours"}]}


def _desk(tmp_path: Path, extra: dict[str, Any], received: datetime) -> Desk:
    document = {
        "complaintkit": 1,
        "extends": str(BASE),
        "templates": {"ack": {"en": {"subject": "{case.id}", "body": BODY}}},
        "notifications": {
            "default_language": "en",
            "notifiers": {"log": {"type": "log"}},
            "rules": [{"on": "opened", "notify": ["customer"], "via": "log", "template": "ack"}],
        },
        **extra,
    }
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    return Desk(load_policy(path), storage="memory:", clock=ManualClock(received.astimezone(UTC)))


def _letter(desk: Desk, received: datetime) -> str:
    desk.intake(
        {
            "channel": "web",
            "external_id": "z-1",
            "received_at": received.isoformat(),
            "customer": {"id": "C1", "contact": "a@example.com"},
            "text": "The parcel is late",
            "language": "en",
        }
    )
    (delivery,) = desk.storage.deliveries()
    return str(delivery.outgoing.payload["body"])


SHANGHAI_9AM = datetime.fromisoformat("2026-12-01T09:00:00+08:00")


def test_targets_in_hours_without_calendars_tell_times_in_the_received_offset(
    tmp_path: Path,
) -> None:
    body = _letter(_desk(tmp_path, {"sla": HOURS}, SHANGHAI_9AM), SHANGHAI_9AM)
    assert body == (
        "2026-12-01 09:00 +08:00|2026-12-01 09:00 +08:00|"
        "2026-12-02 09:00 +08:00|2026-12-04 09:00 +08:00"
    )


def test_without_an_sla_section_the_received_offset_is_kept(tmp_path: Path) -> None:
    body = _letter(_desk(tmp_path, {}, SHANGHAI_9AM), SHANGHAI_9AM)
    assert body == "2026-12-01 09:00 +08:00|2026-12-01 09:00 +08:00||"


def test_a_calendar_declared_but_not_the_default_does_not_make_utc_home(
    tmp_path: Path,
) -> None:
    """Only the default calendar is the policy's home: a clock on the built-in 24x7 beside a
    declared London calendar keeps the complaint's offset."""
    extra = {"calendars": {"london": {"timezone": "Europe/London", "hours": "24x7"}}, "sla": HOURS}
    body = _letter(_desk(tmp_path, extra, SHANGHAI_9AM), SHANGHAI_9AM)
    assert body.startswith("2026-12-01 09:00 +08:00|2026-12-01 09:00 +08:00|2026-12-02 09:00")


def test_a_declared_default_calendar_is_home_even_when_it_is_utc(tmp_path: Path) -> None:
    extra = {"calendars": {"home": {"timezone": "UTC", "hours": "24x7"}}, "sla": HOURS}
    extra["sla"] = {**HOURS, "calendar": "home"}
    body = _letter(_desk(tmp_path, extra, SHANGHAI_9AM), SHANGHAI_9AM)
    assert body.startswith("2026-12-01 01:00 +00:00|2026-12-01 01:00 +00:00|2026-12-02 01:00")


def test_a_target_on_the_built_in_calendar_reads_in_the_declared_home_zone(
    tmp_path: Path,
) -> None:
    sla = {
        "calendar": "store",
        "targets": [{"first_response": {"within": "24 hours", "calendar": "24x7"}}],
    }
    extra = {"calendars": {"store": {"timezone": "Asia/Tokyo", "hours": "24x7"}}, "sla": sla}
    body = _letter(_desk(tmp_path, extra, SHANGHAI_9AM), SHANGHAI_9AM)
    assert body.split("|")[2] == "2026-12-02 10:00 +09:00"


@settings(max_examples=25, deadline=None)
@given(
    minutes=st.integers(-14 * 60, 14 * 60).map(lambda m: m - m % 15),
    hour=st.integers(0, 23),
)
def test_every_shown_time_keeps_the_received_wall_clock(
    tmp_path_factory: Any, minutes: int, hour: int
) -> None:
    received = datetime(2026, 12, 1, hour, tzinfo=timezone(timedelta(minutes=minutes)))
    desk = _desk(tmp_path_factory.mktemp("p"), {"sla": HOURS}, received)
    shown = _letter(desk, received).split("|")
    wall = received.strftime("%Y-%m-%d %H:%M")
    assert shown[0].startswith(wall)
    assert shown[1].startswith(wall)
    assert shown[2].startswith((received + timedelta(hours=24)).strftime("%Y-%m-%d %H:%M"))
    assert all(text.endswith(received.isoformat()[-6:]) for text in shown)

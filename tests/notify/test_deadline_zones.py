"""Deadlines in messages read as the wall clock of the calendar they count on, at that
instant: a period that crosses a DST change ends at 24:00 local time, not an hour off."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import yaml

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy

POLICY = {
    "complaintkit": 1,
    "name": "zones",
    "version": "1",
    "categories": {"general": {"label": {"en": "General"}}},
    "severities": {"normal": {"label": {"en": "Normal"}}},
    "priorities": {"normal": {"label": {"en": "Normal"}}},
    "teams": {"desk": {"label": {"en": "Desk"}, "default_owner": "desk"}},
    "classification": {
        "rules": [],
        "default": {"category": "general", "severity": "normal", "priority": "normal"},
    },
    "routing": {"rules": [], "default": {"team": "desk"}},
    "templates": {
        "ack": {
            "en": {"subject": "{case.id}", "body": "{case.resolution_due}|{case.due.resolution}"}
        }
    },
    "notifications": {
        "default_language": "en",
        "notifiers": {"log": {"type": "log"}},
        "rules": [{"on": "opened", "notify": ["customer"], "via": "log", "template": "ack"}],
    },
}


def _policy(tmp_path: Path, zone: str, within: str) -> Path:
    calendars = {
        "home": {"timezone": "UTC", "hours": "24x7"},
        "far": {"timezone": zone, "hours": "24x7"},
    }
    resolution = {"within": within, "calendar": "far", "ends": "end_of_day", "pause_in": []}
    document = {
        **POLICY,
        "calendars": calendars,
        "sla": {"calendar": "home", "targets": [{"resolution": resolution}]},
    }
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("zone", "received", "within", "shown"),
    [
        # CFPB: 60 calendar days from 24 September 2019 end at 24:00 EST on 23 November
        ("America/New_York", "2019-09-24T09:00:00-04:00", "60 days", "2019-11-24 00:00 -05:00"),
        # FCA DISP: 8 weeks from 3 March 2025 end at 24:00 BST on 28 April
        ("Europe/London", "2025-03-03T10:00:00+00:00", "8 weeks", "2025-04-29 00:00 +01:00"),
        # and back: received in BST, due in GMT
        ("Europe/London", "2025-09-01T10:00:00+01:00", "8 weeks", "2025-10-28 00:00 +00:00"),
    ],
)
def test_a_deadline_across_dst_is_written_in_its_calendar_zone(
    tmp_path: Path, zone: str, received: str, within: str, shown: str
) -> None:
    clock = ManualClock(datetime.fromisoformat(received))
    desk = Desk(load_policy(_policy(tmp_path, zone, within)), storage="memory:", clock=clock)
    desk.intake(
        {
            "channel": "web",
            "external_id": "z-1",
            "received_at": received,
            "customer": {"id": "C1", "contact": "a@example.com"},
            "text": "The debt is not mine",
            "language": "en",
        }
    )
    (delivery,) = desk.storage.deliveries()
    assert delivery.outgoing.payload["body"] == f"{shown}|{shown}"


def test_when_it_was_received_and_when_it_happened_read_in_the_home_zone(
    tmp_path: Path,
) -> None:
    """A letter saying when the case was opened, or when the event it announces happened,
    gives the policy's home wall clock as its deadlines do, not the store's UTC instant."""
    document = {
        **POLICY,
        "templates": {
            "ack": {"en": {"subject": "{case.id}", "body": "{case.opened_at}|{event.at}"}}
        },
        "calendars": {"home": {"timezone": "Asia/Shanghai", "hours": "24x7"}},
        "sla": {"calendar": "home", "targets": []},
    }
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    clock = ManualClock(datetime.fromisoformat("2026-12-01T14:12:00+00:00"))
    desk = Desk(load_policy(path), storage="memory:", clock=clock)
    desk.intake(
        {
            "channel": "web",
            "external_id": "z-2",
            "received_at": "2026-12-01T22:12:00+08:00",
            "customer": {"id": "C1", "contact": "a@example.com"},
            "text": "The parcel is late",
            "language": "en",
        }
    )
    (delivery,) = desk.storage.deliveries()
    assert delivery.outgoing.payload["body"] == "2026-12-01 22:12 +08:00|2026-12-01 22:12 +08:00"

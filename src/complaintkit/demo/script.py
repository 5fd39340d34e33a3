"""Play the scripted day through a Desk, minute by minute, on a manual clock."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from importlib.resources import files
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.case import RootCause


@attrs.frozen
class Step:
    """One thing that happens at ``at``: a complaint arriving or an agent acting on one."""

    at: datetime
    external_id: str
    action: dict[str, Any]


def load_day() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(files(__package__).joinpath("day.json").read_text("utf-8"))
    return data


def demo_policy_path() -> Path:
    """The supermarket policy the demo runs (a file inside the package)."""
    return Path(str(files(__package__).joinpath("policy.yaml")))


def timeline(day: dict[str, Any]) -> list[Step]:
    """Every arrival and action of the day, in time order."""
    zone = ZoneInfo(day["timezone"])
    date = datetime.fromisoformat(day["date"]).date()

    def at(hhmm: str) -> datetime:
        return datetime.combine(date, time.fromisoformat(hhmm), zone)

    steps = []
    for entry in day["complaints"]:
        complaint = dict(entry["complaint"], received_at=at(entry["at"]).isoformat())
        steps.append(
            Step(
                at(entry["at"]), complaint["external_id"], {"do": "intake", "complaint": complaint}
            )
        )
        steps.extend(Step(at(a["at"]), complaint["external_id"], a) for a in entry["actions"])
    steps.sort(key=lambda s: s.at)
    return steps


def ticks(day: dict[str, Any]) -> list[tuple[str, datetime]]:
    """When the scheduler runs ``complaintkit tick`` after the day: label and instant."""
    zone = ZoneInfo(day["timezone"])
    date = datetime.fromisoformat(day["date"]).date()
    return [
        (
            entry["label"],
            datetime.combine(
                date + timedelta(days=entry.get("days_later", 0)),
                time.fromisoformat(entry["at"]),
                zone,
            ),
        )
        for entry in day.get("ticks", [])
    ]


def play(desk: Desk, clock: ManualClock, steps: list[Step]) -> Iterator[tuple[Step, str]]:
    """Run each step through ``desk``; yield it with the id of the case it touched."""
    case_ids: dict[str, str] = {}
    for step in steps:
        clock.set(step.at)
        action = dict(step.action)
        kind = action.pop("do")
        action.pop("at", None)
        if kind == "intake":
            case_ids[step.external_id] = desk.intake(action["complaint"]).id
        else:
            case_id = case_ids[step.external_id]
            actor = action.pop("actor")
            if kind == "root_cause":
                desk.record_root_cause(case_id, RootCause(**action), actor=actor)
            elif kind == "follow_up":
                desk.follow_up(case_id, action["score"], action.get("comment", ""), actor=actor)
            else:
                getattr(desk, kind)(case_id, **action, actor=actor)
        yield step, case_ids[step.external_id]

"""An old helpdesk's CSV imported with times in other zones and dates alone: the report's
response times and SLA outcomes, and ``replay``'s boundaries, against figures worked out
by hand on the supermarket policy (a 24-hour first response; 5 business days to resolve
on a 08:00-22:00 Asia/Shanghai week, holidays not counted)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy

ROOT = Path(__file__).resolve().parents[2]
POLICY = ROOT / "policies" / "retail" / "supermarket.yaml"
RUDE = "The staff at the checkout were rude to me"  # service: normal priority, 24h / 5 days
EXPORT = f"""ticket,opened,text,state,answered,solved,closed,timely
T-1,2026-10-08 09:00,{RUDE},Closed,2026-10-08T02:30:00+01:00,2026-10-09,2026-10-09 10:00,
T-2,2026-10-10T20:00:00-04:00,{RUDE},Open,2026-10-11,,,
T-3,2026-10-12 10:00,{RUDE},Closed,2026-10-13 12:00,,2026-10-14 10:00,
T-4,2026-10-15 09:00,{RUDE},Open,2026-10-16 12:00,,,
T-5,2026-10-17 09:00,{RUDE},Closed,2026-10-17 10:00,,2026-10-18 10:00,no
"""
MAPPING = """external_id: ticket
received_at: opened
text: text
history:
  status: {column: state, values: {Closed: closed, Open: investigating}}
  first_response_at: answered
  resolved_at: solved
  closed_at: closed
  sla: {first_response: timely}
"""


def _run(db: str, *args: str) -> str:
    result = CliRunner().invoke(build_cli(), ["--db", db, "--policy", str(POLICY), *args])
    assert result.exit_code == 0, result.output
    return result.output


def _json(db: str, *args: str) -> Any:
    return json.loads(_run(db, *args, "--json"))


@pytest.fixture
def db(tmp_path: Path) -> str:
    (tmp_path / "old.csv").write_text(EXPORT, encoding="utf-8")
    (tmp_path / "old.yaml").write_text(MAPPING, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'history.db'}"
    columns, source = f"columns={tmp_path / 'old.yaml'}", str(tmp_path / "old.csv")
    options = ["-o", columns, "-o", "channel=old", "-o", "timezone=Asia/Shanghai"]
    _run(url, "intake", source, "--channel", "csv", *options)
    return url


def _sla(report: dict[str, Any]) -> dict[str, tuple[int, int, int]]:
    return {s["metric"]: (s["met"], s["breached"], s["running"]) for s in report["sla"]}


def test_report_times_and_outcomes_are_the_ones_worked_out_by_hand(db: str) -> None:
    report = _json(db, "report")
    # first responses: T-1 30 minutes (02:30 London summer time is 09:30 in Shanghai),
    # T-2 received 08:00 Shanghai, answered "2026-10-11", that day's end: 15:59:59;
    # T-3 26h, T-4 27h, T-5 1h
    first = report["durations"]["first_response"]
    assert first["count"] == 5
    assert first["p50_hours"] == pytest.approx(15 + 3599 / 3600, abs=1e-4)
    assert first["p90_hours"] == pytest.approx(27.0)
    # resolved: T-1 only, at the start of 9 October (a day after its receipt): 15 hours
    resolution = report["durations"]["resolution"]
    assert (resolution["count"], resolution["p50_hours"]) == (1, pytest.approx(15.0))
    # the clocks: T-2 answered in time; T-4 answered after its 24 hours; T-5 recorded late;
    # T-1 and T-3 imported closed start none. T-2 (due 16 Oct 22:00) and T-4 (20 Oct
    # 22:00) are past their resolution deadline.
    assert _sla(report) == {"first_response": (1, 2, 0), "resolution": (0, 2, 0)}


def test_stored_deadlines_and_breaches_fall_at_the_instants_worked_out_by_hand(
    db: str,
) -> None:
    desk = Desk(load_policy(POLICY), storage=db)
    with desk.storage:
        cases = {c.complaints[0].external_id: c for c in map(desk.get, desk.storage.case_ids())}
        t2, t4 = cases["T-2"], cases["T-4"]
        kinds = [(e.kind, e.at.isoformat()) for e in desk.history(t2.id)]
        assert ("responded", "2026-10-11T23:59:59+08:00") in kinds
        breaches = {
            e.data["metric"]: e.data["due_at"]
            for e in desk.history(t4.id)
            if e.kind == "sla_breached"
        }
        # 24 hours after 15 Oct 09:00, stored before the late answer of 16 Oct 12:00
        assert breaches == {"first_response": "2026-10-16T09:00:00+08:00"}
        clock = t2.clocks.get("resolution")
        assert clock is not None
        assert clock.due_at == datetime.fromisoformat("2026-10-16T22:00:00+08:00")


def test_replay_of_the_policy_in_force_changes_nothing_once_ticked(db: str) -> None:
    _run(db, "tick")
    whole = _json(db, "replay", str(POLICY))
    assert (whole["cases"], whole["changed"]) == (5, 0)


def test_replay_boundaries(db: str) -> None:
    """--until leaves out a case opened at it, --since takes it in; --at takes in a case
    opened at that instant and the events recorded at it."""
    _run(db, "tick")
    opened = "2026-10-12T10:00:00+08:00"  # T-3
    assert _json(db, "replay", str(POLICY), "--until", opened)["cases"] == 2
    assert _json(db, "replay", str(POLICY), "--since", opened)["cases"] == 3
    assert _json(db, "replay", str(POLICY), "--at", opened)["cases"] == 3
    # T-4's breach fell due at 09:00 on the 16th: stored and replayed alike at that instant
    # (its breach is stored a microsecond after, as a tick at the instant stores it), and
    # answered at 12:00; at each of these instants both sides agree
    t4 = cases_id(db, "T-4")
    for at in (
        "2026-10-15T09:00:00+08:00",  # the instant T-4 was received
        "2026-10-16T08:59:59+08:00",
        "2026-10-16T09:00:00+08:00",
        "2026-10-16T09:00:00.000001+08:00",
        "2026-10-16T12:00:00+08:00",
    ):
        result = _json(db, "replay", str(POLICY), "--at", at, "--case", t4)
        assert result["case"]["changes"] == [], at


def cases_id(db: str, external_id: str) -> str:
    desk = Desk(load_policy(POLICY), storage=db)
    with desk.storage:
        (case_id,) = [
            i
            for i in desk.storage.case_ids()
            if desk.get(i).complaints[0].external_id == external_id
        ]
    return case_id


def test_a_case_imported_closed_and_reopened_runs_whole_budgets_from_the_reopening(
    db: str,
) -> None:
    _run(db, "tick")
    desk = Desk(load_policy(POLICY), storage=db)
    with desk.storage:
        case_id = cases_id(db, "T-3")
        case = desk.reopen(case_id, actor="amy.store", reason="the customer called again")
        reopened = desk.history(case_id)[-1].at
        clock = case.clocks.get("first_response")
        assert clock is not None
        assert clock.due_at == reopened + timedelta(hours=24)
    assert _json(db, "replay", str(POLICY))["changed"] == 0

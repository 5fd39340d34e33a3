"""Clock state is typed wherever the Desk and the engine read it, and JSON only at the edges:
the events that carry it and the stored case, whose bytes stay what they were."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sla_helpers import lived_case

from complaintkit.model.case import Case
from complaintkit.model.clocks import Clocks, ClockState, Cycle, Extended, Pause
from complaintkit.model.history import replay
from complaintkit.model.lifecycle import Status

#: A case the SLA engine wrote before its clock state was typed (``lived_case`` on the
#: untyped engine), as SQLite stores a case body.
BEFORE = Path(__file__).with_name("case_before_typed_clocks.json")


def _stored(data: dict[str, Any]) -> str:
    """A case body the way the SQLite storage writes it."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def test_the_desk_and_the_engine_see_typed_clocks() -> None:
    desk, case_id = lived_case()
    case = desk.get(case_id)
    assert isinstance(case.clocks, Clocks)
    resolution = case.clocks.metrics["resolution"]
    assert isinstance(resolution, ClockState)
    assert (resolution.state, resolution.cycle) == ("paused", 2)
    assert isinstance(resolution.budget, timedelta)
    assert all(isinstance(cycle, Cycle) for cycle in resolution.cycles)
    assert [type(p) for p in resolution.pauses] == [Pause, Pause]
    assert resolution.pauses[-1].end is None
    assert [type(e) for e in resolution.extended] == [Extended]
    assert resolution.pause_in == (Status.WAITING_ON_CUSTOMER,)
    instants = [resolution.started_at, resolution.resumed_at, *case.clocks.marks.values()]
    assert all(isinstance(at, datetime) and at.utcoffset() is not None for at in instants)


def test_events_carry_the_clock_as_json_that_reads_back_to_the_same_state() -> None:
    desk, case_id = lived_case()
    carried = [e.data["clock"] for e in desk.history(case_id) if "clock" in e.data]
    assert carried
    for data in carried:
        assert isinstance(data, dict)
        assert ClockState.from_json(data).to_json() == data
        assert json.loads(json.dumps(data)) == data


def test_a_stored_case_round_trips_byte_for_byte(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    desk, case_id = lived_case(url)
    with sqlite3.connect(tmp_path / "cases.db") as db:
        (body,) = db.execute("SELECT body FROM cases WHERE id = ?", (case_id,)).fetchone()
    assert _stored(Case.from_json(json.loads(body)).to_json()) == body
    # events store their data with sorted keys, so a replayed case is equal, not identical
    assert replay(desk.history(case_id)).to_json() == json.loads(body)


def test_json_written_before_clocks_were_typed_reads_back_unchanged() -> None:
    body = BEFORE.read_text(encoding="utf-8").strip()
    case = Case.from_json(json.loads(body))
    assert case.clocks.metrics["resolution"].extended[0].budget_before == timedelta(hours=24.5)
    assert _stored(case.to_json()) == body


def _without_holiday_data(clocks: dict[str, Any]) -> dict[str, Any]:
    """The clocks less the version of the ``holidays`` package, which the lock may move."""
    return {
        name: {k: v for k, v in state.items() if k != "holiday_data"}
        for name, state in clocks.items()
    }


def test_the_typed_engine_writes_what_the_untyped_one_wrote() -> None:
    desk, case_id = lived_case()
    before = json.loads(BEFORE.read_text(encoding="utf-8"))["clocks"]
    now = desk.get(case_id).to_json()["clocks"]
    assert _stored(_without_holiday_data(now)) == _stored(_without_holiday_data(before))


def test_clock_json_is_written_back_as_read_only_in_the_order_to_json_writes(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    desk, case_id = lived_case(url)
    with sqlite3.connect(tmp_path / "cases.db") as db:
        (body,) = db.execute("SELECT body FROM cases WHERE id = ?", (case_id,)).fetchone()
    stored = json.loads(body)["clocks"]
    metrics = [name for name in stored if not name.startswith("_")]
    # a clock the engine moved, written from the event's JSON, and one parsed from events
    # whose data are stored with sorted keys, encode alike
    replayed = replay(desk.history(case_id)).to_json()["clocks"]
    for name in metrics:
        assert _stored(replayed[name]) == _stored(stored[name])
    # JSON whose keys a store sorted (PostgreSQL's jsonb) is written in to_json's order
    shuffled = {name: dict(sorted(stored[name].items())) for name in metrics}
    again = Clocks.from_json(shuffled).to_json()
    for name in metrics:
        assert list(again[name]) == list(stored[name])
        assert _stored(again[name]) == _stored(stored[name])

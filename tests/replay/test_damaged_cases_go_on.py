"""``replay`` over a store with damaged cases: each one is named with its reason and the
others are still compared (nothing lost per record), exit 1; never a stop at the first."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.demo.script import demo_policy_path
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import Replay, replay_store
from complaintkit.storage.sqlite import SQLiteStorage
from demo_store import copied, execute, play_demo

POINTER = "`complaintkit audit verify` lists every damaged record"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return play_demo(tmp_path_factory.mktemp("demo"))


def _case_ids(db: Path) -> list[str]:
    return [str(row[0]) for row in execute(db, "SELECT id FROM cases ORDER BY id")]


def _damage_event(db: Path, case_id: str) -> None:
    """The case's second event no longer JSON."""
    execute(db, "UPDATE events SET body = '{oops' WHERE case_id = ? AND seq = 2", case_id)


def _damage_row(db: Path, case_id: str) -> None:
    """The case row's ``updated_at`` no instant (its events intact)."""
    execute(
        db,
        "UPDATE cases SET body = json_set(body, '$.updated_at', 'yesterday') WHERE id = ?",
        case_id,
    )


def _replay(db: Path) -> Replay:
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        return replay_store(storage, load_policy(demo_policy_path()), Plugins())


def _cli(db: Path, *args: str) -> Result:
    return CliRunner().invoke(
        build_cli(),
        ["--db", f"sqlite:///{db}", "replay", str(demo_policy_path()), *args],
        catch_exceptions=False,
    )


def test_every_damaged_case_is_named_and_the_rest_compared(demo_db: Path, tmp_path: Path) -> None:
    db = copied(demo_db, tmp_path)
    cases = _case_ids(db)
    broken_event, broken_row = cases[0], cases[-1]  # first and last of the ordered stream
    _damage_event(db, broken_event)
    _damage_row(db, broken_row)
    result = _replay(db)
    assert sorted(case_id for case_id, _ in result.damaged) == sorted([broken_event, broken_row])
    assert all(POINTER in problem for _, problem in result.damaged)
    assert (result.comparison.cases, result.comparison.changed) == (len(cases) - 2, 0)
    text = _cli(db)
    assert text.exit_code == 1
    for case_id in (broken_event, broken_row):
        assert f"damaged case {case_id}: " in text.output
    assert f"== Replay: {len(cases) - 2} case(s)" in text.output
    as_json = _cli(db, "--json")
    assert as_json.exit_code == 1
    data = json.loads(as_json.output)
    assert {d["case_id"] for d in data["damaged"]} == {broken_event, broken_row}
    assert "stored event 2" in next(
        d["problem"] for d in data["damaged"] if d["case_id"] == broken_event
    )


def test_asking_for_a_damaged_case_names_why(demo_db: Path, tmp_path: Path) -> None:
    db = copied(demo_db, tmp_path)
    victim = _case_ids(db)[1]
    _damage_event(db, victim)
    result = _cli(db, "--case", victim)
    assert result.exit_code == 1
    assert f"damaged case {victim}: " in result.output
    assert POINTER in result.output


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_replayed_and_damaged_cases_add_up_to_every_case(
    demo_db: Path, data: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = copied(demo_db, Path(folder))
        cases = _case_ids(db)
        events = data.draw(st.sets(st.sampled_from(cases)))
        rows = data.draw(st.sets(st.sampled_from(cases)))
        for case_id in events:
            _damage_event(db, case_id)
        for case_id in rows:
            _damage_row(db, case_id)
        result = _replay(db)
    named = dict(result.damaged)
    assert len(named) == len(result.damaged)  # each damaged case named once
    assert events | rows <= named.keys()
    for case_id in named.keys() - (events | rows):  # it reads a damaged case of its customer
        assert any(f"case {other}" in named[case_id] for other in events | rows)
    assert result.comparison.cases == len(cases) - len(named)


def test_a_damaged_case_outside_the_time_range_asked_is_not_named(
    demo_db: Path, tmp_path: Path
) -> None:
    """``--since`` keeps the cases opened from then on: one opened before is not replayed,
    so its damaged row is none of this replay's business (``audit verify`` finds it)."""
    db = copied(demo_db, tmp_path)
    rows = execute(db, "SELECT id, opened_at, customer_id FROM cases ORDER BY opened_at")
    alone = [r for r in rows if sum(o[2] == r[2] for o in rows) == 1]  # read by no other case
    victim, opened, _ = alone[0]
    _damage_row(db, victim)
    since = datetime.fromtimestamp(opened, UTC) + timedelta(seconds=1)
    result = _cli(db, "--since", since.isoformat(), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["damaged"] == []
    assert data["cases"] == sum(r[1] >= since.timestamp() for r in rows) > 0

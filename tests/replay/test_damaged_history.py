"""``complaintkit replay`` on a store someone damaged: the one-line error that names the
record and points at the audit, exit 1, never a traceback (as ``report`` and ``cases show``)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.demo.script import demo_policy_path
from demo_store import copied, execute, play_demo

POINTER = "`complaintkit audit verify` lists every damaged record"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return play_demo(tmp_path_factory.mktemp("demo"))


def _replay(db: Path, *args: str) -> Result:
    """The CLI as a user runs it; an exception escaping it fails the test."""
    return CliRunner().invoke(
        build_cli(),
        ["--db", f"sqlite:///{db}", "replay", str(demo_policy_path()), *args],
        catch_exceptions=False,
    )


def _a_case(db: Path) -> str:
    return str(execute(db, "SELECT id FROM cases ORDER BY opened_at LIMIT 1")[0][0])


def _without_kind(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k != "kind"}


@pytest.mark.parametrize(
    ("seq", "damage"),
    [
        (2, lambda body: "{not json"),
        (2, lambda body: json.dumps(_without_kind(body))),
        (1, lambda body: json.dumps({**body, "data": {}})),  # opened, without its complaint
        (2, lambda body: json.dumps({**body, "data": "everything"})),
        (2, lambda body: json.dumps({**body, "data": {**body["data"], "category": True}})),
        (2, lambda body: json.dumps({**body, "data": {**body["data"], "team": 7}})),
    ],
    ids=[
        "not JSON",
        "without kind",
        "opened without its complaint",
        "data not an object",
        "category not text",
        "team not text",
    ],
)
@pytest.mark.parametrize("as_json", [False, True])
def test_a_damaged_event_is_named_and_replay_exits_1(
    demo_db: Path, tmp_path: Path, seq: int, damage: Any, as_json: bool
) -> None:
    db = copied(demo_db, tmp_path)
    victim = _a_case(db)
    ((body,),) = execute(db, "SELECT body FROM events WHERE case_id = ? AND seq = ?", victim, seq)
    execute(
        db,
        "UPDATE events SET body = ? WHERE case_id = ? AND seq = ?",
        damage(json.loads(body)),
        victim,
        seq,
    )
    result = _replay(db, *(["--json"] if as_json else []))
    assert result.exit_code == 1
    assert f"case {victim}" in result.output
    assert POINTER in result.output


@pytest.mark.parametrize(
    "damage",
    ["{oops", "[]", json.dumps({"id": "x", "updated_at": "yesterday"})],
    ids=["not JSON", "not an object", "updated_at not an instant"],
)
def test_a_damaged_case_row_is_named_and_replay_exits_1(
    demo_db: Path, tmp_path: Path, damage: str
) -> None:
    db = copied(demo_db, tmp_path)
    victim = _a_case(db)
    execute(db, "UPDATE cases SET body = ? WHERE id = ?", damage, victim)
    result = _replay(db)
    assert result.exit_code == 1
    assert f"case {victim}" in result.output
    assert POINTER in result.output


JSON_LEAF = st.none() | st.booleans() | st.integers() | st.text(max_size=8)
GARBAGE = st.text(max_size=30) | st.binary(max_size=30)


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict) and value:
        return [p for k, v in value.items() for p in _leaves(v, (*path, k))]
    if isinstance(value, list) and value:
        return [p for i, v in enumerate(value) for p in _leaves(v, (*path, i))]
    return [path]


def _edited(data: st.DataObject, body: dict[str, Any]) -> Any:
    """``body`` with one leaf replaced by another JSON value, or removed, or garbage."""
    how = data.draw(st.sampled_from(["replace", "remove", "garbage"]))
    if how == "garbage":
        return data.draw(GARBAGE)
    path = data.draw(st.sampled_from(_leaves(body)))
    if not path:
        return json.dumps(data.draw(JSON_LEAF))
    target = body
    for step in path[:-1]:
        target = target[step]
    if how == "remove":
        del target[path[-1]]
    else:
        target[path[-1]] = data.draw(JSON_LEAF)
    return json.dumps(body, ensure_ascii=False)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_any_damaged_body_ends_in_the_one_line_error_never_a_traceback(
    demo_db: Path, data: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = copied(demo_db, Path(folder))
        table = data.draw(st.sampled_from(["events", "cases"]))
        keys = "case_id, seq" if table == "events" else "id"
        rows = execute(db, f"SELECT {keys}, body FROM {table} ORDER BY {keys}")
        *key, body = data.draw(st.sampled_from(rows))
        where = "case_id = ? AND seq = ?" if table == "events" else "id = ?"
        damaged = _edited(data, json.loads(body))
        execute(db, f"UPDATE {table} SET body = ? WHERE {where}", damaged, *key)
        result = _replay(db)
    assert result.exit_code in (0, 1), result.output
    if result.exit_code == 1 or not _an_object(damaged):
        assert result.exit_code == 1
        assert POINTER in result.output


def _an_object(body: str | bytes) -> bool:
    try:
        return isinstance(json.loads(body), dict)
    except ValueError:
        return False


@pytest.mark.parametrize(
    ("damage", "exit_code"),
    [
        (lambda body: {**body, "id": None}, 1),
        # read as no compensation, which its events contradict: an edited row, named
        (lambda body: {**body, "compensation": ""}, 1),
    ],
    ids=["id null", "compensation not a list"],
)
def test_a_damaged_row_read_for_a_compensation_cap_is_named(
    demo_db: Path, tmp_path: Path, damage: Any, exit_code: int
) -> None:
    """Re-deciding a proposal reads the customer's other cases: a damaged one among them
    ends the run in the one-line error (or is read as it can be), never a traceback (an SQL
    error on malformed JSON) nor 'no case None'."""
    db = copied(demo_db, tmp_path)
    ((victim, body),) = execute(
        db, "SELECT id, body FROM cases WHERE json_array_length(body, '$.compensation') > 0"
    )
    damaged = json.dumps(damage(json.loads(body)), ensure_ascii=False)
    execute(db, "UPDATE cases SET body = ? WHERE id = ?", damaged, victim)
    result = _replay(db)
    assert result.exit_code == exit_code, result.output
    assert exit_code == 0 or POINTER in result.output


@pytest.mark.parametrize(
    "metric", [None, 7, "", "_marks"], ids=["null", "number", "empty", "_marks"]
)
def test_an_sla_event_naming_no_metric_is_a_damaged_record(
    demo_db: Path, tmp_path: Path, metric: Any
) -> None:
    """Found by the fuzz test above: a breach event whose metric was edited to null folded
    into a clock named None, and sorting the replay's figures ended in a TypeError."""
    db = copied(demo_db, tmp_path)
    ((case_id, seq, body),) = execute(
        db, "SELECT case_id, seq, body FROM events WHERE kind = 'sla_breached' LIMIT 1"
    )
    event = json.loads(body)
    event["data"]["metric"] = metric
    damaged = json.dumps(event, ensure_ascii=False)
    execute(db, "UPDATE events SET body = ? WHERE case_id = ? AND seq = ?", damaged, case_id, seq)
    result = _replay(db)
    assert result.exit_code == 1, result.output
    assert POINTER in result.output
    assert f"stored event {seq}" in result.output

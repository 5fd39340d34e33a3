"""Random tampering with a real SQLite store: each edit is found and named, or changes
nothing the model reads; ``audit verify`` never raises.

A case row body gets any leaf changed to any JSON value, or removed; an event gets any
leaf of its data changed and is sealed again, with every hash after it and the case row
recomputed, as an attacker who knows the hash scheme but not the audit key would. An
event's ``at`` column gets another instant, or the same one written at another offset.
"""

from __future__ import annotations

import json
from datetime import timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tampering import Tables, audit, fill

from complaintkit.audit.stored import stored_case
from complaintkit.desk import Desk
from complaintkit.model.canonical import canonical_json
from complaintkit.model.events import CaseEvent

KEY = "a fuzzing audit key of 32 bytes."
FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=4), inner, max_size=2)
    ),
    max_leaves=4,
)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """Three cases with varied histories (facts, a note, a reopening), sealed with a key."""
    path = tmp_path_factory.mktemp("fuzz") / "cases.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COMPLAINTKIT_AUDIT_KEY", KEY)
        ids = fill(f"sqlite:///{path}")
        desk = Desk(storage=f"sqlite:///{path}")
        try:
            desk.set_facts(ids[0], {"fault": "merchant", "金额": 3}, actor="li.na")
            desk.note(ids[1], "called back", actor="li.na")
            desk.reopen(ids[2], actor="li.na", reason="still broken")
        finally:
            desk.storage.close()
    return path, ids


@pytest.fixture
def keyed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPLAINTKIT_AUDIT_KEY", KEY)


def _copy(pristine: tuple[Path, list[str]], folder: Path) -> tuple[str, Tables]:
    copy = folder / "cases.db"
    copy.write_bytes(pristine[0].read_bytes())
    return f"sqlite:///{copy}", Tables(f"sqlite:///{copy}")


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict) and value:
        return [p for k, v in value.items() for p in _leaves(v, (*path, k))]
    if isinstance(value, list) and value:
        return [p for i, v in enumerate(value) for p in _leaves(v, (*path, i))]
    return [path]


def _edit(data: st.DataObject, body: dict[str, Any]) -> dict[str, Any]:
    """``body`` with one leaf replaced by another JSON value, or removed from its object."""
    edited: dict[str, Any] = json.loads(json.dumps(body))
    path = data.draw(st.sampled_from([p for p in _leaves(edited) if p]))
    parent: Any = edited
    for step in path[:-1]:
        parent = parent[step]
    if isinstance(parent, dict) and data.draw(st.booleans()):
        del parent[path[-1]]
    else:
        parent[path[-1]] = data.draw(JSON_VALUES)
    return edited


@FUZZ
@given(st.data())
def test_an_edited_case_row_is_found_unless_it_reads_the_same(
    pristine: tuple[Path, list[str]],
    tmp_path_factory: pytest.TempPathFactory,
    keyed: None,
    data: st.DataObject,
) -> None:
    url, tables = _copy(pristine, tmp_path_factory.mktemp("row"))
    case_id = data.draw(st.sampled_from(pristine[1]))
    before = tables.case(case_id)
    after = _edit(data, before)
    tables.execute("UPDATE cases SET body = ? WHERE id = ?", json.dumps(after), case_id)
    tables.close()
    code, broken = audit(url)  # a traceback escapes and fails the test
    try:  # the same JSON: 0 and false, 1 and 1.0 are not
        same = canonical_json(stored_case(after).to_json()) == canonical_json(
            stored_case(before).to_json()
        )
    except ValueError:
        same = False
    if same:
        assert (code, broken) == (0, [])
    else:
        assert code == 1
        assert {b["case_id"] for b in broken} == {case_id}
        assert {b["code"] for b in broken} <= {"row", "malformed"}


@FUZZ
@given(st.data())
def test_an_edited_and_resealed_event_is_found(
    pristine: tuple[Path, list[str]],
    tmp_path_factory: pytest.TempPathFactory,
    keyed: None,
    data: st.DataObject,
) -> None:
    url, tables = _copy(pristine, tmp_path_factory.mktemp("event"))
    case_id = data.draw(st.sampled_from(pristine[1]))
    events = tables.events(case_id)
    seq = data.draw(st.integers(1, len(events)))
    edit = data.draw(st.dictionaries(st.text(max_size=6), JSON_VALUES, min_size=1, max_size=2))
    if all(events[seq - 1]["data"].get(k, object()) == v for k, v in edit.items()):
        return  # not a change
    try:
        tables.rechain(case_id, seq, edit)
    except Exception:  # the forged history does not replay: written raw, unsealed
        event = {**events[seq - 1], "data": {**events[seq - 1]["data"], **edit}}
        tables.write_event(case_id, seq, event)
    tables.close()
    code, broken = audit(url)
    assert code == 1
    assert case_id in {b["case_id"] for b in broken}


@pytest.mark.parametrize(("field", "retype"), [("escalation_level", bool), ("version", float)])
def test_a_case_row_value_of_another_json_type_is_found(
    pristine: tuple[Path, list[str]], tmp_path: Path, keyed: None, field: str, retype: type
) -> None:
    """Python takes ``False == 0`` and ``8.0 == 8``; SQL and JSON readers do not."""
    url, tables = _copy(pristine, tmp_path)
    case_id = pristine[1][1]
    body = tables.case(case_id)
    value = retype(body[field])
    assert value == body[field]
    tables.execute(
        "UPDATE cases SET body = ? WHERE id = ?", json.dumps({**body, field: value}), case_id
    )
    tables.close()
    code, broken = audit(url)
    assert code == 1
    assert any(b["code"] == "row" and field in b["problem"] for b in broken), broken


@FUZZ
@given(
    st.data(),
    st.timedeltas(min_value=-timedelta(days=400), max_value=timedelta(days=400))
    | st.just(timedelta(0)),
    st.integers(-23 * 60, 23 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes))),
)
def test_an_at_column_moved_in_time_is_found_unless_the_same_instant(
    pristine: tuple[Path, list[str]],
    tmp_path_factory: pytest.TempPathFactory,
    keyed: None,
    data: st.DataObject,
    shift: timedelta,
    offset: timezone,
) -> None:
    url, tables = _copy(pristine, tmp_path_factory.mktemp("at"))
    case_id = data.draw(st.sampled_from(pristine[1]))
    events = tables.events(case_id)
    seq = data.draw(st.integers(1, len(events)))
    sealed = CaseEvent.from_json(events[seq - 1]).at
    column = (sealed + shift).astimezone(offset).isoformat()
    tables.execute("UPDATE events SET at = ? WHERE case_id = ? AND seq = ?", column, case_id, seq)
    tables.close()
    code, broken = audit(url)
    if not shift:
        assert (code, broken) == (0, [])
    else:
        assert code == 1
        assert [(b["code"], b["case_id"], b["seq"]) for b in broken] == [("moved", case_id, seq)]
        assert f"at column says {column} but the sealed event says" in broken[0]["problem"]

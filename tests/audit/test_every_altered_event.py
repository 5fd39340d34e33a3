"""``audit verify`` names every event whose stored body was edited, not only the first
finding of its case, and never calls an edited body "the sealed event".

The audit stopped at a case's first problem: an event whose ``kind`` column was touched
hid a payload edit further on (the finding named event 3, the forged compensation at event
5 went unnamed), and a body whose ``kind`` or ``at`` was edited (its hash left as it was)
was reported as "kind column says 'assigned' but the sealed event says 'noted'", the
forged value shown as the sealed one, so an operator would "repair" the honest column.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import tampering
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tampering import Tables, audit, fill

store = tampering.store
url = tampering.url

Store = tuple[str, list[str], Tables]


def _located(findings: list[dict[str, object]]) -> list[tuple[object, object, object]]:
    return sorted(((f["code"], f["case_id"], f["seq"]) for f in findings), key=str)


def _edit(t: Tables, case_id: str, seq: int, field: str, value: object) -> None:
    event = t.events(case_id)[seq - 1]
    event[field] = value
    t.write_event(case_id, seq, event)


def test_two_edited_events_of_one_case_are_both_named(store: Store) -> None:
    url, ids, t = store
    _edit(t, ids[0], 2, "actor", "mallory")
    _edit(t, ids[0], 4, "reason", "forged")
    code, findings = audit(url)
    assert code == 1
    assert _located(findings) == [("chain", ids[0], 2), ("chain", ids[0], 4)]


def test_an_edit_after_a_moved_column_is_named_too(store: Store) -> None:
    url, ids, t = store
    t.execute("UPDATE events SET kind = 'noted' WHERE case_id = ? AND seq = 2", ids[0])
    _edit(t, ids[0], 4, "actor", "mallory")
    code, findings = audit(url)
    assert code == 1
    assert ("chain", ids[0], 4) in _located(findings)
    assert ("moved", ids[0], 2) in _located(findings)


@pytest.mark.parametrize(
    ("field", "value"),
    [("kind", "noted"), ("at", "2001-01-01T00:00:00+00:00"), ("seq", 9)],
)
def test_an_edited_body_is_altered_content_not_a_moved_column(
    store: Store, field: str, value: object
) -> None:
    url, ids, t = store
    _edit(t, ids[0], 2, field, value)
    code, findings = audit(url)
    assert code == 1
    assert _located(findings) == [("chain", ids[0], 2)]
    assert "sealed event says" not in findings[0]["problem"]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("edits") / "cases.db"
    return path, fill(f"sqlite:///{path}")[0]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edited=st.sets(st.integers(1, 6), min_size=1), field=st.sampled_from(["actor", "reason"]))
def test_exactly_the_edited_events_are_named(
    pristine: tuple[Path, str], tmp_path: Path, edited: set[int], field: str
) -> None:
    source, case_id = pristine
    path = tmp_path / f"{'-'.join(map(str, sorted(edited)))}-{field}.db"
    shutil.copy(source, path)
    t = Tables(f"sqlite:///{path}")
    try:
        for seq in edited:
            _edit(t, case_id, seq, field, "forged by mallory")
    finally:
        t.close()
    code, findings = audit(f"sqlite:///{path}")
    assert code == 1
    assert _located(findings) == sorted((("chain", case_id, s) for s in edited), key=str)

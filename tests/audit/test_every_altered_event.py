"""``audit verify`` names every event whose stored body was edited, not only the first
finding of its case, and never calls an edited body "the sealed event".

The audit stopped at a case's first problem: an event whose ``kind`` column was touched
hid a payload edit further on (the finding named event 3, the forged compensation at event
5 went unnamed), and a body whose ``kind`` or ``at`` was edited (its hash left as it was)
was reported as "kind column says 'assigned' but the sealed event says 'noted'", the
forged value shown as the sealed one, so an operator would "repair" the honest column.
"""

from __future__ import annotations

import pytest
import tampering
from tampering import Tables, audit

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

"""Invariants of the audit, on rows built in memory: an untouched store verifies; any
changed value in any stored event is found; any garbage is a finding, never a traceback."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.audit.ledger import heads_of, next_entry
from complaintkit.audit.records import CaseRow, EventRow, LedgerRow, Snapshot, group
from complaintkit.audit.verify import verify_store
from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.testing.storage_contract import make_complaint


def _history() -> tuple[list[Case], list[CaseEvent]]:
    desk = Desk()
    cases = []
    for n in range(2):
        case = desk.intake(make_complaint(f"F{n}"))
        desk.assign(case.id, "li.na", actor="lead")
        desk.respond(case.id, "on it", actor="li.na")
        cases.append(desk.get(case.id))
    return cases, [e for case in cases for e in desk.history(case.id)]


CASES, EVENTS = _history()


def snapshot(bodies: dict[tuple[str, int], Any]) -> Snapshot:
    entry = next_entry(None, heads_of(EVENTS), None)
    rows = [
        CaseRow(
            c.id,
            c.version,
            c.status.value,
            c.is_open,
            c.customer_id,
            c.owner,
            c.category,
            c.opened_at,
            c.next_deadline,
            json.dumps(c.to_json()),
        )
        for c in sorted(CASES, key=lambda c: c.id)
    ]
    events = [
        EventRow(e.case_id, e.seq, e.kind, e.at.isoformat(), bodies[(e.case_id, e.seq)])
        for e in sorted(EVENTS, key=lambda e: (e.case_id, e.seq))
    ]
    ledger = [LedgerRow(entry.id, entry.hash, entry.stored_text())]
    return Snapshot(ledger, group(iter(rows), iter(events)))


def untouched() -> dict[tuple[str, int], Any]:
    return {(e.case_id, e.seq): e.to_json() for e in EVENTS}


def leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in leaves(v, (*path, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in leaves(v, (*path, i))]
    return [path]


def test_an_untouched_store_verifies() -> None:
    assert verify_store(snapshot(untouched()), None).findings == []


JSON_LEAF = st.none() | st.booleans() | st.integers() | st.text(max_size=8)


@given(st.data(), JSON_LEAF)
def test_any_changed_value_in_any_event_is_found(data: st.DataObject, new: Any) -> None:
    bodies = untouched()
    where = data.draw(st.sampled_from(sorted(bodies)))
    path = data.draw(st.sampled_from(leaves(bodies[where])))
    target = bodies[where] = json.loads(json.dumps(bodies[where]))
    for step in path[:-1]:
        target = target[step]
    if target[path[-1]] == new and type(target[path[-1]]) is type(new):
        return  # not a change
    target[path[-1]] = new
    assert verify_store(snapshot(bodies), None).findings != []


@given(st.data(), st.text() | st.binary().map(lambda b: b.decode("latin-1")))
def test_any_garbage_body_is_a_finding(data: st.DataObject, garbage: str) -> None:
    bodies = untouched()
    bodies[data.draw(st.sampled_from(sorted(bodies)))] = garbage
    findings = verify_store(snapshot(bodies), None).findings
    assert findings != []

"""Malformed ledger entries and case rows are findings, never tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tampering
from tampering import Tables, audit, run

from complaintkit.audit.records import CaseRow, EventRow, group
from complaintkit.storage.sqlite import SQLiteStorage

store = tampering.store
url = tampering.url


def test_malformed_ledger_entry_is_a_finding(store: tuple[str, list[str], Tables]) -> None:
    url, _, tables = store
    tables.execute("UPDATE ledger SET body = ? WHERE id = 2", "[1, 2")
    exit_code, findings = audit(url)
    assert exit_code == 1
    assert (findings[0]["code"], findings[0]["ledger_id"]) == ("malformed", 2)


def test_edited_ledger_entry_breaks_its_seal_and_the_chain(
    store: tuple[str, list[str], Tables],
) -> None:
    url, _, tables = store
    ((body,),) = tables.execute("SELECT body FROM ledger WHERE id = 3")
    entry = json.loads(body)
    entry["heads"][0][1] += 1
    tables.execute("UPDATE ledger SET body = ? WHERE id = 3", json.dumps(entry))
    exit_code, findings = audit(url)
    assert exit_code == 1
    assert {"code": "ledger", "ledger_id": 3} in [
        {"code": f["code"], "ledger_id": f["ledger_id"]} for f in findings
    ]


def test_deleted_ledger_entry_leaves_a_gap(store: tuple[str, list[str], Tables]) -> None:
    url, _, tables = store
    tables.execute("DELETE FROM ledger WHERE id = 4")
    exit_code, findings = audit(url)
    assert exit_code == 1
    assert (findings[0]["ledger_id"], findings[0]["problem"]) == (
        5,
        "entry 4 is missing before it",
    )


@pytest.mark.parametrize("body", ['{"id": "CK-', '{"id": "x"}', "[]"])
def test_malformed_case_row_is_a_finding(store: tuple[str, list[str], Tables], body: str) -> None:
    url, ids, tables = store
    if body.startswith('{"id": "CK-') and tables.postgres:
        body = '"not a case"'  # jsonb holds only valid JSON
    tables.execute("UPDATE cases SET body = BODY WHERE id = ?", body, ids[0])
    exit_code, findings = audit(url)
    assert exit_code == 1
    assert [(f["code"], f["case_id"]) for f in findings] == [("malformed", ids[0])]


def test_events_without_a_case_row_are_a_finding(store: tuple[str, list[str], Tables]) -> None:
    url, ids, tables = store
    if tables.postgres:
        tables.execute("ALTER TABLE events DROP CONSTRAINT events_case_id_fkey")
        tables.execute("DELETE FROM intake_keys WHERE case_id = ?", ids[0])
    tables.execute("DELETE FROM cases WHERE id = ?", ids[0])
    exit_code, findings = audit(url)
    assert exit_code == 1
    assert ("row", ids[0]) in [(f["code"], f["case_id"]) for f in findings]


def test_memory_storage_has_no_ledger_to_audit() -> None:
    result = run("--db", "memory:", "audit", "verify")
    assert result.exit_code == 1
    assert "keeps no audit ledger" in result.output


def test_group_keeps_orphan_events_and_event_less_rows() -> None:
    def row(case_id: str) -> CaseRow:
        return CaseRow(case_id, 1, "received", True, "c", None, None, None, None, "{}")

    def event(case_id: str, seq: int) -> EventRow:
        return EventRow(case_id, seq, "opened", "2026-01-01T00:00:00+00:00", "{}")

    records = list(
        group(iter([row("a"), row("c")]), iter([event("a", 1), event("a", 2), event("b", 1)]))
    )
    assert [(r.case_id, r.row is not None, [e.seq for e in r.events]) for r in records] == [
        ("a", True, [1, 2]),
        ("b", False, [1]),
        ("c", True, []),
    ]


def test_a_store_with_no_cases_verifies(tmp_path: Path) -> None:
    SQLiteStorage(f"sqlite:///{tmp_path / 'empty.db'}").close()
    result = run("--db", f"sqlite:///{tmp_path / 'empty.db'}", "audit", "verify")
    assert result.exit_code == 0
    assert "0 cases checked" in result.output

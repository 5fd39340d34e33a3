"""The ledger: one sealed entry per write, and stores older than the ledger adopted."""

from __future__ import annotations

import pytest
import tampering
from complaintkit_postgres import ledger as pg_ledger
from complaintkit_postgres import schema as pg_schema
from tampering import Tables, audit, fill, run

from complaintkit.audit.keys import AuditKey
from complaintkit.audit.ledger import heads_of, next_entry, parse_entry
from complaintkit.desk import Desk
from complaintkit.model.events import GENESIS
from complaintkit.storage import sqlite_ledger, sqlite_schema
from complaintkit.testing.storage_contract import make_complaint

url = tampering.url


def test_entries_chain_and_parse_back() -> None:
    key = AuditKey(b"0123456789abcdef0123456789abcdef")
    first = next_entry(None, (("CK-1", 3, "a" * 64),), key)
    second = next_entry((first.id, first.hash), (("CK-2", 1, "b" * 64),), key)
    assert (first.id, first.prev, second.id, second.prev) == (1, GENESIS, 2, first.hash)
    assert parse_entry(second.stored_text()) == second
    assert second.expected_hash(key) == second.hash
    assert second.expected_hash(None) != second.hash


def test_heads_are_each_cases_last_event() -> None:
    desk = Desk()
    a = desk.intake(make_complaint("a"))
    desk.note(a.id, "x", actor="li.na")
    b = desk.intake(make_complaint("b"))
    events = desk.history(a.id) + desk.history(b.id)
    assert heads_of(reversed(events)) == tuple(
        sorted((e.case_id, e.seq, e.hash) for e in (desk.history(a.id)[-1], events[-1]))
    )


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("[]", "not a JSON object"),
        ('{"id": 1}', "field 'prev'"),
        ('{"id": 1, "prev": "", "hash": "", "heads": [[1]]}', "not \\[case id, seq, hash\\]"),
    ],
)
def test_malformed_entries_name_the_problem(text: str, names: str) -> None:
    with pytest.raises(ValueError, match=names):
        parse_entry(text)


def test_one_intake_batch_is_one_entry(url: str) -> None:
    desk = Desk(storage=url)
    try:
        desk.intake_many([make_complaint(f"B{n}") for n in range(50)])
    finally:
        desk.storage.close()
    tables = Tables(url)
    try:
        ((body,),) = tables.execute("SELECT body FROM ledger")
    finally:
        tables.close()
    assert len(parse_entry(body).heads) == 50


def _forget_the_ledger(tables: Tables) -> None:
    """Turn the store back into one written before the ledger existed."""
    tables.execute("DROP TABLE ledger")
    if tables.postgres:
        before = pg_schema.MIGRATIONS.index(pg_ledger.LEDGER)
        tables.execute("UPDATE schema_version SET version = ?", before)
    else:
        tables.execute(
            f"PRAGMA user_version = {sqlite_schema.MIGRATIONS.index(sqlite_ledger.LEDGER)}"
        )


def test_a_store_from_before_the_ledger_adopts_its_heads(url: str) -> None:
    ids = fill(url)
    tables = Tables(url)
    try:
        _forget_the_ledger(tables)
    finally:
        tables.close()
    assert run("--db", url, "migrate").exit_code == 0  # one ledger entry with every head
    assert audit(url) == (0, [])
    tables = Tables(url)
    try:
        ((body,),) = tables.execute("SELECT body FROM ledger")
        assert [h[0] for h in parse_entry(body).heads] == sorted(ids)
        tables.execute("DELETE FROM events WHERE case_id = ? AND seq = 8", ids[0])
    finally:
        tables.close()
    exit_code, findings = audit(url)
    assert exit_code == 1
    assert "head" in {f["code"] for f in findings if f["case_id"] == ids[0]}


@pytest.mark.parametrize("table", ["ledger", "events", "cases"])
def test_a_dropped_table_ends_the_audit_in_one_line_naming_it(url: str, table: str) -> None:
    """A table the audit reads, dropped by someone with database access: the audit cannot
    check the store, and says so in an error line (exit 1), not a driver's traceback."""
    fill(url)
    tables = Tables(url)
    try:
        tables.execute(f"DROP TABLE {table} CASCADE" if tables.postgres else f"DROP TABLE {table}")
    finally:
        tables.close()
    result = run("--db", url, "audit", "verify")
    assert result.exit_code == 1
    assert "cannot audit" in result.output
    assert table in result.output

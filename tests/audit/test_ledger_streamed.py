"""The audit reads the ledger one entry at a time, as it reads cases and events.

The ledger grows by an entry per write transaction (every note, every tick's batch), so a
busy store's ledger outgrows its case count many times over. Its snapshot read every entry
into a list before checking the first: about half a kilobyte of memory per write ever made,
on SQLite and PostgreSQL alike, on top of what the check keeps.
"""

from __future__ import annotations

import tracemalloc

import tampering

from complaintkit.audit.verify import verify_store
from complaintkit.desk import Desk
from complaintkit.testing.storage_contract import make_complaint

url = tampering.url

WRITES = 600


def test_opening_the_audit_snapshot_reads_no_ledger_entry(url: str) -> None:
    desk = Desk(storage=url)
    try:
        case = desk.intake(make_complaint("L1", customer="C1"))
        for n in range(WRITES):  # one ledger entry each
            desk.note(case.id, f"called back, attempt {n}", actor="li.na")
        storage = desk.storage
        tracemalloc.start()
        try:
            with storage.audit_snapshot() as snapshot:  # type: ignore[attr-defined]
                held = tracemalloc.get_traced_memory()[0]
                report = verify_store(snapshot, storage.audit_key)  # type: ignore[attr-defined]
        finally:
            tracemalloc.stop()
    finally:
        desk.storage.close()
    assert report.findings == []
    assert report.ledger.entries == WRITES + 1
    assert held < 100 * WRITES  # the entries' text alone is some 250 bytes each

"""A store sealed from its start: a ledger replaced or adopted again without the key is
caught at any time, not only until the next write seals over it."""

from __future__ import annotations

import json

import pytest
import tampering
from complaintkit_postgres import ledger as pg_ledger
from complaintkit_postgres import schema as pg_schema
from tampering import Tables, audit, fill, run

from complaintkit.desk import Desk
from complaintkit.storage import sqlite_ledger, sqlite_schema
from complaintkit.testing.storage_contract import make_complaint

url = tampering.url
KEY = "k" * 32


def write(url: str, tag: str) -> None:
    """An honest writer holding the key: one more case, one more sealed entry."""
    desk = Desk(storage=url)
    try:
        desk.intake(make_complaint(tag, customer=tag))
    finally:
        desk.storage.close()


def replace_ledger(url: str, case_id: str) -> None:
    """Rewrite a case's history and every ledger entry, without the key."""
    tables = Tables(url)
    try:
        tables.rechain(case_id, 2, {"owner": "someone.else"})
        tables.reseal_ledger(None)
    finally:
        tables.close()


def forget_ledger(url: str) -> None:
    """Drop the ledger and rewind the schema, so the next process adopts what it finds."""
    tables = Tables(url)
    try:
        tables.execute("DROP TABLE ledger")
        if tables.postgres:
            before = pg_schema.MIGRATIONS.index(pg_ledger.LEDGER)
            tables.execute("UPDATE schema_version SET version = ?", before)
        else:
            version = sqlite_schema.MIGRATIONS.index(sqlite_ledger.LEDGER)
            tables.execute(f"PRAGMA user_version = {version}")
    finally:
        tables.close()


def test_a_store_keyed_from_its_start_passes(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPLAINTKIT_AUDIT_KEY", KEY)
    fill(url)
    write(url, "later")
    assert audit(url, "--sealed-from-start") == (0, [])
    report = json.loads(run("--db", url, "audit", "verify", "--json").output)
    assert report["trusted_entries"] == 0


@pytest.mark.parametrize("attack", ["replace", "forget"])
def test_a_ledger_rebuilt_without_the_key_is_caught_after_the_next_write(
    url: str, monkeypatch: pytest.MonkeyPatch, attack: str
) -> None:
    monkeypatch.setenv("COMPLAINTKIT_AUDIT_KEY", KEY)
    ids = fill(url)
    if attack == "replace":
        replace_ledger(url, ids[1])
    else:
        tables = Tables(url)
        try:
            tables.rechain(ids[1], 2, {"owner": "someone.else"})
        finally:
            tables.close()
        forget_ledger(url)
    write(url, "next")  # an honest, keyed writer seals over whatever it finds
    exit_code, findings = audit(url)
    assert exit_code == 0  # told nothing, the audit trusts what came before the first seal…
    text = run("--db", url, "audit", "verify").output
    assert "trusted as found" in text  # …and says so, in English for any count
    trusted = json.loads(run("--db", url, "audit", "verify", "--json").output)["trusted_entries"]
    assert (f"{trusted} entry, " in text) == (trusted == 1)
    assert ("is trusted as found" in text) == (trusted == 1)
    exit_code, findings = audit(url, "--sealed-from-start")
    assert exit_code == 1
    assert [f["code"] for f in findings] == ["key"]


def test_sealed_from_start_needs_a_key(url: str) -> None:
    fill(url)
    result = run("--db", url, "audit", "verify", "--sealed-from-start")
    assert result.exit_code == 2
    assert "COMPLAINTKIT_AUDIT_KEY" in result.output


def test_without_a_key_verify_says_to_set_one_not_to_verify_sealed_from_start(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It advised --sealed-from-start on every run, which then refused to run for want of
    the key."""
    monkeypatch.delenv("COMPLAINTKIT_AUDIT_KEY", raising=False)
    monkeypatch.delenv("COMPLAINTKIT_AUDIT_KEY_FILE", raising=False)
    fill(url)
    result = run("--db", url, "audit", "verify")
    assert result.exit_code == 0
    assert "COMPLAINTKIT_AUDIT_KEY" in result.output
    assert "--sealed-from-start" not in result.output

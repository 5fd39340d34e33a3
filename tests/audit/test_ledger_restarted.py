"""A ledger emptied by hand (``DELETE FROM ledger``) while its cases stayed: the everyday
commands said the store was damaged only until the next write (any intake, note or tick),
which started a fresh chain at entry 1 from the genesis hash as a new store does. From then
on nothing said entries had been lost: ``cases show`` exited 0, and ``audit verify`` only
listed each earlier case as never committed. The write that finds the ledger emptied now
restarts it at entry 2, sealed as restarted after a loss, so where the ledger starts (its
first entry's id, a primary-key read) says so for good, and ``audit verify`` names the
entry and when; the write itself is kept."""

from __future__ import annotations

import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

import pytest
import tampering
from hypothesis import given, settings
from hypothesis import strategies as st
from tampering import Tables, audit, fill, run

from complaintkit.audit.keys import AuditKey
from complaintkit.audit.ledger import next_entry, parse_entry
from complaintkit.audit.ledger_lost import ledger_lost
from complaintkit.desk import Desk
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.storage_contract import make_complaint

url = tampering.url

RESTARTED = "its ledger was emptied while cases were stored, and restarted at entry 2"


def _emptied_then_written(url: str) -> tuple[list[str], str]:
    """Three cases, the ledger emptied, then a note on the first and a new complaint."""
    ids = fill(url)
    _execute(url, "DELETE FROM ledger")
    desk = Desk(storage=url)
    try:
        desk.note(ids[0], "called the courier", actor="li.na")
        new = desk.intake(make_complaint("after the loss", customer="C9")).id
    finally:
        desk.storage.close()
    return ids, new


def _execute(url: str, sql: str) -> list[tuple[object, ...]]:
    tables = Tables(url)
    try:
        return tables.execute(sql)
    finally:
        tables.close()


def _said(stderr: str) -> str:
    said = " ".join(stderr.split())
    assert "Traceback" not in said
    return said


def test_every_command_still_says_the_ledger_lost_entries_after_the_next_write(
    url: str,
) -> None:
    ids, new = _emptied_then_written(url)
    for command in (["cases", "show", ids[1]], ["cases", "show", new], ["cases", "list"]):
        result = run("--db", url, *command)
        assert result.exit_code == 1, result.output
        said = _said(result.stderr)
        assert f"the store is damaged: {RESTARTED}" in said
        assert "every entry before it was lost" in said
    tick = run("--db", url, "tick")
    assert tick.exit_code == 0, tick.output
    assert f"warning: the store is damaged: {RESTARTED}" in _said(tick.stderr)


def test_the_writes_after_the_loss_are_kept(url: str) -> None:
    ids, new = _emptied_then_written(url)
    shown = run("--db", url, "cases", "show", ids[0])
    assert "called the courier" in shown.stdout
    assert new in run("--db", url, "cases", "list").stdout
    assert [row[0] for row in _execute(url, "SELECT id FROM ledger ORDER BY id")] == [2, 3]


def test_audit_verify_names_the_restarted_entry_and_when(url: str) -> None:
    ids, new = _emptied_then_written(url)
    exit_code, findings = audit(url)
    assert exit_code == 1
    store_wide = [f for f in findings if f["case_id"] is None]
    assert [(f["code"], f["ledger_id"]) for f in store_wide] == [("ledger", 2)]
    problem = store_wide[0]["problem"]
    assert "the ledger was found emptied while cases were stored" in problem
    assert "restarted here on 20" in problem  # the instant of the write that restarted it
    assert "every entry before it was lost" in problem
    # the histories the lost entries committed are named; the case taken in since is not
    unledgered = [f for f in findings if f["code"] == "unledgered"]
    assert {f["case_id"] for f in unledgered} == set(ids[1:])
    assert all("since it restarted at entry 2" in f["problem"] for f in unledgered)
    assert new not in {f["case_id"] for f in findings}


def test_a_keyed_store_seals_the_restart(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The restarted entry is sealed with the key like any other: the audit finds the loss
    and nothing about the key, from the start or not."""
    monkeypatch.setenv("COMPLAINTKIT_AUDIT_KEY", "k" * 32)
    _emptied_then_written(url)
    for extra in ((), ("--sealed-from-start",)):
        exit_code, findings = audit(url, *extra)
        assert exit_code == 1
        assert "key" not in {f["code"] for f in findings}
        assert ("ledger", 2) in {(f["code"], f["ledger_id"]) for f in findings}


def test_a_ledger_emptied_again_restarts_again(url: str) -> None:
    ids, _ = _emptied_then_written(url)
    _execute(url, "DELETE FROM ledger")
    desk = Desk(storage=url)
    try:
        desk.note(ids[2], "again", actor="li.na")
    finally:
        desk.storage.close()
    result = run("--db", url, "cases", "show", ids[2])
    assert result.exit_code == 1, result.output
    assert RESTARTED in _said(result.stderr)


def test_deleting_the_restarted_entry_still_says_entries_are_missing(url: str) -> None:
    ids, _ = _emptied_then_written(url)
    _execute(url, "DELETE FROM ledger WHERE id = 2")
    result = run("--db", url, "cases", "show", ids[0])
    assert result.exit_code == 1, result.output
    assert (
        "the store is damaged: its ledger's entries before entry 3 are missing (deleted)"
        in _said(result.stderr)
    )


def test_a_new_store_starts_its_ledger_at_entry_1(url: str) -> None:
    ids = fill(url)
    assert [row[0] for row in _execute(url, "SELECT min(id) FROM ledger")] == [1]
    result = run("--db", url, "cases", "show", ids[0])
    assert result.exit_code == 0, result.output
    assert "ledger" not in result.stderr


#: Entries as complaintkit wrote them before restarts were recorded, unsealed and sealed
#: with the key ``k`` * 32: stored ledgers must verify as they did.
WRITTEN_BEFORE = [
    f'{{"heads":[["CK-1",3,"{"a" * 64}"]],"id":5,"key_id":{key_id},'
    f'"prev":"{"b" * 64}","hash":"{digest}"}}'
    for key_id, digest in (
        ("null", "a9b028d7d570eca406b106a9698850124319a84ee2fc517189a9474b857178fc"),
        ('"6b65794a635051a4"', "9a381ec141d104312c0c7a87a16a067cf53bfb246128ef424ca979b96f9e87ac"),
    )
]


@pytest.mark.parametrize("text", WRITTEN_BEFORE)
def test_entries_written_before_hash_and_store_as_they_did(text: str) -> None:
    key = AuditKey(b"k" * 32)
    entry = parse_entry(text)
    assert entry.restarted is None
    assert entry.expected_hash(key if entry.key_id else None) == entry.hash
    again = next_entry((4, "b" * 64), entry.heads, key if entry.key_id else None)
    assert again.stored_text() == text


# --- the invariant, on SQLite -------------------------------------------------------------

#: A write: a new complaint, or a note on the case taken in that many intakes before.
WRITES = st.lists(st.one_of(st.just(-1), st.integers(0, 3)), min_size=1, max_size=6)


@settings(max_examples=25)
@given(before=WRITES, after=WRITES, empty=st.booleans())
def test_once_emptied_every_later_read_says_entries_were_lost(
    before: list[int], after: list[int], empty: bool
) -> None:
    """For any writes, the ledger emptied (or not) between them, then more writes: every
    read after the emptying says the ledger lost entries, every read of a store never
    emptied says nothing, and every write is kept."""
    with tempfile.TemporaryDirectory() as folder:
        storage = SQLiteStorage(f"sqlite:///{Path(folder) / 'cases.db'}")
        desk = Desk(storage=storage)
        taken: list[str] = []
        notes: dict[str, int] = {}

        def write(choice: int) -> None:
            if choice < 0 or choice >= len(taken):
                taken.append(desk.intake(make_complaint(f"W{len(taken)}")).id)
            else:
                case_id = taken[-1 - choice]
                desk.note(case_id, "noted", actor="li.na")
                notes[case_id] = notes.get(case_id, 0) + 1

        try:
            for choice in before:
                write(choice)
            assert ledger_lost(storage) == []
            if empty:
                with closing(sqlite3.connect(Path(folder) / "cases.db")) as raw, raw:
                    raw.execute("DELETE FROM ledger")
            for choice in after:
                assert bool(ledger_lost(storage)) is empty
                write(choice)
            assert bool(ledger_lost(storage)) is empty
            for case_id in taken:
                history = desk.history(case_id)
                assert sum(e.kind == "noted" for e in history) == notes.get(case_id, 0)
        finally:
            storage.close()

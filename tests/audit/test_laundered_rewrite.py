"""A rewritten history stays found after honest writes: the ledger keeps every head it
committed, not only each case's last one.

An insider re-chains one case (an event edited, every hash after it recomputed, the case
row rewritten to match) and leaves the ledger alone. ``verify`` found it, since the case's
last event no longer had the hash the ledger committed; but the next honest write to the
case — a note, a tick — chained onto the forged events and committed their new head,
sealed with the key, and ``verify`` then passed, even ``--sealed-from-start``.
"""

from __future__ import annotations

import tempfile
from typing import Any

import pytest
import tampering
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lifecycles import START, STEP, TEXTS, play
from tampering import Tables, audit, fill, run

from complaintkit.audit.ledger import heads_of, next_entry, parse_entry
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.events import CaseEvent
from complaintkit.model.history import replay

url = tampering.url

KEY = "an audit key of at least 32 bytes"


def _first_commit_from(tables: Tables, case_id: str, seq: int) -> tuple[int, int]:
    """The lowest event number at or after ``seq`` that the ledger committed for the case,
    and the first entry that committed it."""
    heads = []
    for (body,) in tables.execute("SELECT body FROM ledger ORDER BY id"):
        entry = parse_entry(body)
        heads += [(s, entry.id) for c, s, _ in entry.heads if c == case_id and s >= seq]
    return min(heads)


@pytest.mark.parametrize("keyed", [True, False], ids=["keyed", "no key"])
@pytest.mark.parametrize("seq", [1, 4])
def test_a_rewritten_history_is_found_after_the_next_honest_write(
    url: str, monkeypatch: pytest.MonkeyPatch, keyed: bool, seq: int
) -> None:
    extra: tuple[str, ...] = ()
    if keyed:
        monkeypatch.setenv("COMPLAINTKIT_AUDIT_KEY", KEY)
        extra = ("--sealed-from-start",)
    ids = fill(url)
    victim = ids[1]
    tables = Tables(url)
    try:
        tables.rechain(victim, seq, {"owner": "someone.else", "note": "forged"})
        expected = _first_commit_from(tables, victim, seq)
    finally:
        tables.close()
    assert audit(url, *extra)[0] == 1
    desk = Desk(storage=url)
    try:
        desk.note(victim, "called the customer back", actor="li.na")  # honest, unaware
    finally:
        desk.storage.close()
    exit_code, findings = audit(url, *extra)
    assert exit_code == 1
    assert [(f["code"], f["case_id"], (f["seq"], f["ledger_id"])) for f in findings] == [
        ("head", victim, expected)
    ]
    assert f"event {expected[0]}" in findings[0]["problem"]
    assert "rewritten" in findings[0]["problem"]


def test_an_untouched_case_written_many_times_verifies(url: str) -> None:
    """Every head the ledger ever committed still matches its event."""
    ids = fill(url)
    desk = Desk(storage=url)
    try:
        for n in range(3):
            desk.note(ids[0], f"note {n}", actor="li.na")
    finally:
        desk.storage.close()
    assert audit(url) == (0, [])


def test_a_history_cut_back_and_committed_again_is_found(url: str) -> None:
    """The newest events of a case deleted, its row rewritten to match, and a ledger entry
    appended that commits the shorter history: the entries before still commit more."""
    ids = fill(url)
    victim = ids[0]
    tables = Tables(url)
    try:
        tables.delete_events(victim, after=5)
        kept = [CaseEvent.from_json(event) for event in tables.events(victim)]
        tables.write_case(victim, replay(kept).to_json())
        ((last_id, last_hash),) = tables.execute(
            "SELECT id, hash FROM ledger ORDER BY id DESC LIMIT 1"
        )
        entry = next_entry((last_id, last_hash), heads_of(kept), None)
        tables.execute(
            "INSERT INTO ledger (id, hash, body) VALUES (?, ?, ?)",
            entry.id,
            entry.hash,
            entry.stored_text(),
        )
        expected = _first_commit_from(tables, victim, 6)
    finally:
        tables.close()
    exit_code, findings = audit(url)
    assert exit_code == 1
    assert [(f["code"], f["case_id"], (f["seq"], f["ledger_id"])) for f in findings] == [
        ("head", victim, expected)
    ]
    assert f"event {expected[0]} is missing" in findings[0]["problem"]


def test_a_forged_event_stays_named_after_an_honest_write_seals_over_it(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A forged event committed by an unsealed ledger entry was named with its case until
    the next honest write to the case committed a sealed head after it: then only the
    store-wide 'key' finding was left, and the case was counted unaltered."""
    monkeypatch.setenv("COMPLAINTKIT_AUDIT_KEY", KEY)
    ids = fill(url)
    victim = ids[1]
    tables = Tables(url)
    try:
        last = CaseEvent.from_json(tables.events(victim)[-1])
        forged = CaseEvent.chained(
            case_id=victim,
            seq=last.seq + 1,
            kind="noted",
            at=last.at,
            actor="li.na",
            reason="",
            data={"text": "customer agreed to withdraw"},
            prev_hash=last.hash,
        )
        tables.insert_event(victim, forged.to_json())
        case = tables.case(victim)
        tables.write_case(victim, {**case, "version": forged.seq, "last_hash": forged.hash})
        ((last_id, last_hash),) = tables.execute(
            "SELECT id, hash FROM ledger ORDER BY id DESC LIMIT 1"
        )
        entry = next_entry((last_id, last_hash), ((victim, forged.seq, forged.hash),), None)
        tables.execute(
            "INSERT INTO ledger (id, hash, body) VALUES (?, ?, ?)",
            entry.id,
            entry.hash,
            entry.stored_text(),
        )
    finally:
        tables.close()
    desk = Desk(storage=url)
    try:
        desk.note(victim, "called the customer back", actor="li.na")  # honest, sealed
    finally:
        desk.storage.close()
    exit_code, findings = audit(url)
    assert exit_code == 1
    named = [(f["code"], f["case_id"], f["seq"], f["ledger_id"]) for f in findings]
    assert ("key", victim, forged.seq, entry.id) in named
    result = run("--db", url, "audit", "verify")
    assert f"case {victim}: event {forged.seq}: ledger entry {entry.id}:" in result.output
    assert "1 with altered history" in result.output


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(STEP, max_size=12),
    st.lists(STEP, min_size=1, max_size=12),
    st.data(),
)
def test_a_rewrite_stays_found_whatever_honest_work_follows(
    monkeypatch: pytest.MonkeyPatch,
    before: list[tuple[str, Any]],
    after: list[tuple[str, Any]],
    data: st.DataObject,
) -> None:
    monkeypatch.setenv("COMPLAINTKIT_AUDIT_KEY", KEY)
    with tempfile.TemporaryDirectory() as folder:
        url, clock = f"sqlite:///{folder}/cases.db", ManualClock(START)
        play(url, [("intake", TEXTS[0]), *before], clock)
        tables = Tables(url)
        try:
            ids = sorted(case_id for (case_id,) in tables.execute("SELECT id FROM cases"))
            victim = data.draw(st.sampled_from(ids))
            seq = data.draw(st.integers(1, len(tables.events(victim))))
            tables.rechain(victim, seq, {"forged": True})
        finally:
            tables.close()
        play(url, after, clock)
        exit_code, findings = audit(url, "--sealed-from-start")
        assert exit_code == 1
        assert victim in {f["case_id"] for f in findings}

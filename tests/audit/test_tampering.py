"""The tampering scenarios: ``audit verify`` names each, exits 1, never shows a traceback.

Every scenario runs on SQLite and on PostgreSQL, against a store that verified clean.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import tampering
from tampering import Tables, audit, fill, run

from complaintkit.audit.keys import AuditKey
from complaintkit.audit.ledger import next_entry
from complaintkit.desk import Desk
from complaintkit.model.events import CaseEvent
from complaintkit.testing.storage_contract import make_complaint

store = tampering.store
url = tampering.url

KEY = "k" * 32


def _edit_payload(t: Tables, case_id: str) -> None:
    event = t.events(case_id)[1]
    event["data"]["owner"] = "someone.else"
    t.write_event(case_id, 2, event)


def _delete_middle(t: Tables, case_id: str) -> None:
    t.execute("DELETE FROM events WHERE case_id = ? AND seq = 3", case_id)


def _delete_last(t: Tables, case_id: str) -> None:
    t.execute(
        "DELETE FROM events WHERE case_id = ? AND seq = (SELECT max(seq) FROM events "
        "WHERE case_id = ?)",
        case_id,
        case_id,
    )


def _reorder(t: Tables, case_id: str) -> None:
    second, third = t.events(case_id)[1:3]
    t.write_event(case_id, 2, third)
    t.write_event(case_id, 3, second)


def _truncate(t: Tables, case_id: str) -> None:
    t.execute("DELETE FROM events WHERE case_id = ? AND seq > 2", case_id)


def _change_hash(t: Tables, case_id: str) -> None:
    event = t.events(case_id)[2]
    event["hash"] = "f" * 64
    t.write_event(case_id, 3, event)


def _change_kind(t: Tables, case_id: str) -> None:
    t.execute("UPDATE events SET kind = 'noted' WHERE case_id = ? AND seq = 2", case_id)


def _move_at(t: Tables, case_id: str) -> None:
    t.execute(
        "UPDATE events SET at = ? WHERE case_id = ? AND seq = 2",
        "2020-01-01T00:00:00+00:00",
        case_id,
    )


def _edit_row(field: str, value: Any) -> Callable[[Tables, str], None]:
    def edit(t: Tables, case_id: str) -> None:
        t.write_case(case_id, {**t.case(case_id), field: value})

    return edit


def _delete_case(t: Tables, case_id: str) -> None:
    for table in ("intake_keys", "events"):
        t.execute(f"DELETE FROM {table} WHERE case_id = ?", case_id)
    if not t.postgres:
        t.execute("DELETE FROM status_tokens WHERE case_id = ?", case_id)
    t.execute("DELETE FROM cases WHERE id = ?", case_id)


def _copy_case(t: Tables, case_id: str) -> None:
    copy = "CK-COPY-OF-" + case_id
    body = {**t.case(case_id), "id": copy, "status_token": "copied-token"}
    t.execute(
        "INSERT INTO cases (id, version, status, is_open, customer_id, owner, category, "
        "opened_at, next_deadline, body) SELECT ?, version, status, is_open, customer_id, "
        "owner, category, opened_at, next_deadline, BODY FROM cases WHERE id = ?",
        copy,
        json.dumps(body, ensure_ascii=False),
        case_id,
    )
    t.execute(
        "INSERT INTO events (case_id, seq, kind, at, body) "
        "SELECT ?, seq, kind, at, body FROM events WHERE case_id = ?",
        copy,
        case_id,
    )


def _rechain(t: Tables, case_id: str) -> None:
    t.rechain(case_id, 2, {"owner": "someone.else"})


def _append_forged(t: Tables, case_id: str) -> None:
    last = CaseEvent.from_json(t.events(case_id)[-1])
    forged = CaseEvent.chained(
        case_id=case_id,
        seq=last.seq + 1,
        kind="transitioned",
        at=last.at,
        actor="li.na",
        reason="",
        data={"from": "resolved", "to": "closed"},
        prev_hash=last.hash,
    )
    t.insert_event(case_id, forged.to_json())
    t.write_case(
        case_id,
        {**t.case(case_id), "status": "closed", "version": forged.seq, "last_hash": forged.hash},
    )


def _malformed_json(t: Tables, case_id: str) -> None:
    # jsonb cannot hold broken JSON: PostgreSQL gets valid JSON that is no event
    t.write_event(case_id, 2, '"not an event"' if t.postgres else '{"case_id": "CK-')


def _missing_actor(t: Tables, case_id: str) -> None:
    event = t.events(case_id)[1]
    del event["actor"]
    t.write_event(case_id, 2, event)


SCENARIOS: dict[str, tuple[Callable[[Tables, str], None], str]] = {
    "edit payload": (_edit_payload, "chain"),
    "delete middle event": (_delete_middle, "chain"),
    "delete last event": (_delete_last, "head"),
    "reorder events": (_reorder, "moved"),
    "truncate history": (_truncate, "head"),
    "change a hash": (_change_hash, "chain"),
    "change the kind column": (_change_kind, "moved"),
    "move the at column to another instant": (_move_at, "moved"),
    "edit case status": (_edit_row("status", "closed"), "row"),
    "edit case owner": (_edit_row("owner", "someone.else"), "row"),
    "edit case resolution": (_edit_row("resolution", "customer withdrew"), "row"),
    "delete a case": (_delete_case, "deleted"),
    "copy a case under a new id": (_copy_case, "moved"),
    "re-chain a case without the key": (_rechain, "head"),
    "append a forged event with a valid hash": (_append_forged, "head"),
    "malformed event JSON": (_malformed_json, "malformed"),
    "event without actor": (_missing_actor, "malformed"),
}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_tampering_is_detected_and_named(
    store: tuple[str, list[str], Tables], scenario: str
) -> None:
    url, ids, tables = store
    tamper, code = SCENARIOS[scenario]
    victim = ids[1]
    tamper(tables, victim)
    exit_code, findings = audit(url)
    assert exit_code == 1
    assert all(f["case_id"] in (victim, f"CK-COPY-OF-{victim}") for f in findings)
    assert code in {f["code"] for f in findings}


def test_findings_are_printed_one_per_line_naming_case_and_event(
    store: tuple[str, list[str], Tables],
) -> None:
    url, ids, tables = store
    _missing_actor(tables, ids[0])
    result = run("--db", url, "audit", "verify")
    assert result.exit_code == 1
    assert f"case {ids[0]}: event 2: stored event is malformed: field 'actor' is missing" in (
        result.output
    )
    assert "3 cases checked, 1 with altered history" in result.output


def test_an_at_column_moved_names_case_event_and_both_instants(
    store: tuple[str, list[str], Tables],
) -> None:
    """Queries on the events table (reports in other tools, dashboards) read ``at``; it
    went unchecked, so an event moved in time verified clean."""
    url, ids, tables = store
    sealed = tables.events(ids[0])[1]["at"]
    _move_at(tables, ids[0])
    exit_code, findings = audit(url)
    assert exit_code == 1
    assert [(f["code"], f["case_id"], f["seq"]) for f in findings] == [("moved", ids[0], 2)]
    assert findings[0]["problem"] == (
        f"at column says 2020-01-01T00:00:00+00:00 but the sealed event says {sealed}"
    )


def test_an_at_column_holding_the_same_instant_at_another_offset_is_no_finding(
    store: tuple[str, list[str], Tables],
) -> None:
    url, ids, tables = store
    sealed = CaseEvent.from_json(tables.events(ids[0])[1]).at
    shifted = sealed.astimezone(timezone(timedelta(hours=-5, minutes=-30))).isoformat()
    tables.execute("UPDATE events SET at = ? WHERE case_id = ? AND seq = 2", shifted, ids[0])
    assert audit(url) == (0, [])


#: Instants PostgreSQL keeps that no Python instant can hold (reading one raised, and ended
#: the audit with no case named); SQLite keeps them as any other text.
BEYOND = ["infinity", "-infinity", "0044-03-15 00:00:00+00 BC", "12000-01-01 00:00:00+00"]


@pytest.mark.parametrize("value", BEYOND)
@pytest.mark.parametrize(
    ("where", "column", "seq"),
    [
        ("UPDATE events SET at = ? WHERE case_id = ? AND seq = 3", "at", 3),
        ("UPDATE cases SET opened_at = ? WHERE id = ?", "opened_at", None),
        ("UPDATE cases SET next_deadline = ? WHERE id = ?", "next_deadline", None),
    ],
)
def test_an_instant_column_holding_no_instant_is_malformed(
    store: tuple[str, list[str], Tables], where: str, column: str, seq: int | None, value: str
) -> None:
    url, ids, tables = store
    tables.execute(where, value, ids[2])
    exit_code, findings = audit(url)
    assert exit_code == 1
    assert [(f["code"], f["case_id"], f["seq"]) for f in findings] == [("malformed", ids[2], seq)]
    said = findings[0]["problem"]
    assert said.startswith(f"{column} column holds '")
    assert said.endswith("', not an instant")
    assert value.split(" ", maxsplit=1)[0] in said
    printed = run("--db", url, "audit", "verify")
    assert (printed.exit_code, f"case {ids[2]}") == (1, printed.output.split(":")[0])


def test_copied_case_is_also_not_in_the_ledger(store: tuple[str, list[str], Tables]) -> None:
    url, ids, tables = store
    _copy_case(tables, ids[0])
    _, findings = audit(url)
    copy = [f["code"] for f in findings if f["case_id"] == f"CK-COPY-OF-{ids[0]}"]
    assert "unledgered" in copy


def test_rechained_case_and_ledger_pass_without_key_but_not_a_checkpoint(
    store: tuple[str, list[str], Tables], tmp_path: Path
) -> None:
    """Out of scope without a key (docs/audit.md): whoever can rewrite every hash can pass
    the audit. A checkpoint taken before, kept outside the database, still catches it."""
    url, ids, tables = store
    checkpoint = tmp_path / "checkpoint.json"
    assert run("--db", url, "audit", "checkpoint", "--out", str(checkpoint)).exit_code == 0
    tables.rechain(ids[1], 2, {"owner": "someone.else"})
    tables.reseal_ledger(None)
    assert audit(url) == (0, [])
    exit_code, findings = audit(url, "--against", str(checkpoint))
    assert exit_code == 1
    assert [f["code"] for f in findings] == ["checkpoint"]


class _ClaimedKey(AuditKey):
    """A guessed secret, presented under the real key's id."""

    @property
    def key_id(self) -> str:
        return AuditKey(KEY.encode()).key_id


ATTACKER_KEYS = {
    "no key": (None, "key"),
    "a guessed key": (AuditKey(b"a guess at the key, 32 bytes long"), "key"),
    "a guessed key under the real key id": (_ClaimedKey(b"a guess at the key, 32 bytes"), "ledger"),
}


@pytest.mark.parametrize("attacker", ATTACKER_KEYS)
def test_rechaining_with_a_configured_key_is_detected(
    url: str, monkeypatch: pytest.MonkeyPatch, attacker: str
) -> None:
    monkeypatch.setenv("COMPLAINTKIT_AUDIT_KEY", KEY)
    ids = fill(url)
    assert audit(url) == (0, [])
    resealed_with, code = ATTACKER_KEYS[attacker]
    tables = Tables(url)
    try:
        tables.rechain(ids[1], 2, {"owner": "someone.else"})
        tables.reseal_ledger(resealed_with)
    finally:
        tables.close()
    exit_code, findings = audit(url)
    assert exit_code == 1
    assert code in {f["code"] for f in findings}


NEW_KEY = "n" * 32


def _write(url: str, tag: str) -> None:
    """One more case opened and assigned: two more ledger entries."""
    desk = Desk(storage=url)
    try:
        case = desk.intake(make_complaint(tag, customer=tag))
        desk.assign(case.id, "li.na", actor="lead")
    finally:
        desk.storage.close()


def _rotate(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, retired: str) -> None:
    """The current key becomes NEW_KEY; ``retired`` goes to the retired keys file."""
    path = tmp_path / "retired.keys"
    path.write_text(f"# rotated out on 2026-12-01\n{retired}\n\n", encoding="utf-8")
    monkeypatch.setenv("COMPLAINTKIT_AUDIT_KEY", NEW_KEY)
    monkeypatch.setenv("COMPLAINTKIT_AUDIT_RETIRED_KEYS_FILE", str(path))


def test_a_rotated_key_keeps_what_the_old_key_sealed_provable(
    url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("COMPLAINTKIT_AUDIT_KEY", KEY)
    ids = fill(url)
    checkpoint = tmp_path / "old-key-checkpoint.json"
    assert run("--db", url, "audit", "checkpoint", "--out", str(checkpoint)).exit_code == 0
    _rotate(monkeypatch, tmp_path, KEY)
    _write(url, "after-rotation")  # sealed with the new key
    assert audit(url) == (0, [])
    assert audit(url, "--against", str(checkpoint)) == (0, [])
    # without the retired key the old entries cannot be checked, and the audit says so
    monkeypatch.delenv("COMPLAINTKIT_AUDIT_RETIRED_KEYS_FILE")
    exit_code, findings = audit(url)
    assert exit_code == 1
    assert {f["code"] for f in findings} == {"key"}
    # an old-key entry edited after rotation is still caught with the retired key
    _rotate(monkeypatch, tmp_path, KEY)
    tables = Tables(url)
    try:
        tables.rechain(ids[1], 2, {"owner": "someone.else"})
    finally:
        tables.close()
    exit_code, findings = audit(url)
    assert exit_code == 1
    assert ids[1] in {f["case_id"] for f in findings}


def test_an_old_key_sealing_after_rotation_is_a_finding(
    url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("COMPLAINTKIT_AUDIT_KEY", KEY)
    fill(url)
    _rotate(monkeypatch, tmp_path, KEY)
    _write(url, "new-key")
    monkeypatch.setenv("COMPLAINTKIT_AUDIT_KEY", KEY)  # a writer still holding the old key
    _write(url, "old-key")
    _rotate(monkeypatch, tmp_path, KEY)
    exit_code, findings = audit(url)
    assert exit_code == 1
    assert [f["code"] for f in findings] == ["key"]
    assert "retired key after the current key" in json.dumps(findings)


def test_a_short_retired_key_is_refused_naming_its_line(
    url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fill(url)
    _rotate(monkeypatch, tmp_path, "short")
    result = run("--db", url, "audit", "verify")
    assert result.exit_code != 0
    assert "line 2" in result.output


def test_a_forged_event_committed_by_an_unsealed_entry_names_its_case_and_events(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a keyed store, an attacker without the key appends an event (its hash
    recomputed), writes the case row to match and appends an unsealed ledger entry
    committing the new head: only a store-wide 'key' finding said so, naming no case."""
    monkeypatch.setenv("COMPLAINTKIT_AUDIT_KEY", KEY)
    ids = fill(url)
    tables = Tables(url)
    try:
        victim = ids[1]
        _append_forged(tables, victim)
        forged = tables.events(victim)[-1]
        case = tables.case(victim)
        tables.write_case(victim, {**case, "closed_at": forged["at"]})
        ((last_id, last_hash),) = tables.execute(
            "SELECT id, hash FROM ledger ORDER BY id DESC LIMIT 1"
        )
        entry = next_entry((last_id, last_hash), ((victim, forged["seq"], forged["hash"]),), None)
        tables.execute(
            "INSERT INTO ledger (id, hash, body) VALUES (?, ?, ?)",
            entry.id,
            entry.hash,
            entry.stored_text(),
        )
    finally:
        tables.close()
    exit_code, findings = audit(url)
    assert exit_code == 1
    named = [f for f in findings if f["case_id"] is not None]
    assert [(f["code"], f["case_id"], f["seq"], f["ledger_id"]) for f in named] == [
        ("key", victim, forged["seq"], entry.id)
    ]


def test_an_emptied_ledger_is_named_as_such(store: tuple[str, list[str], Tables]) -> None:
    """Every case was reported as 'copied or written around complaintkit', and nothing
    said the ledger itself had been emptied."""
    url, ids, tables = store
    tables.execute("DELETE FROM ledger")
    exit_code, findings = audit(url)
    assert exit_code == 1
    store_wide = [f for f in findings if f["case_id"] is None]
    assert [(f["code"], f["ledger_id"]) for f in store_wide] == [("ledger", None)]
    assert "holds no entries" in store_wide[0]["problem"]
    assert {f["case_id"] for f in findings if f["code"] == "unledgered"} == set(ids)

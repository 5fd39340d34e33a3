"""Everyday commands on a store someone damaged: one clear error naming the record, no traceback.

``audit verify`` finds damage; the commands people run every day (``cases show``, ``cases
list``, ``cases explain``, ``report``, ``tick``) must not end in a decoder's traceback when
they meet a damaged row. They say which case (and event) is damaged and point at the audit.
Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import tampering
from tampering import Tables, run

from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import DamagedRecord
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.server import running_server
from complaintkit.testing.storage_contract import make_complaint
from loopback import loopback_client

store = tampering.store
url = tampering.url
POLICY = str(Path(__file__).parents[2] / "policies" / "retail")


def _break_event(t: Tables, case_id: str) -> None:
    # jsonb cannot hold broken JSON: PostgreSQL gets valid JSON that is no event
    t.write_event(case_id, 2, '"not an event"' if t.postgres else '{"case_id": "CK-')


def _break_case(t: Tables, case_id: str) -> None:
    t.write_case(case_id, {**t.case(case_id), "status": "exploded"})


@pytest.mark.parametrize("command", [("cases", "show"), ("cases", "show", "--json")])
def test_a_damaged_event_is_named_by_case_and_seq(
    store: tuple[str, list[str], Tables], command: tuple[str, ...]
) -> None:
    url, ids, tables = store
    victim = ids[1]
    _break_event(tables, victim)
    result = run("--db", url, "--policy", POLICY, *command[:2], victim, *command[2:])
    assert result.exit_code == 1
    assert victim in result.output
    assert "event 2" in result.output
    assert "audit verify" in result.output


def test_a_damaged_case_row_is_named_and_the_others_still_read(
    store: tuple[str, list[str], Tables],
) -> None:
    url, ids, tables = store
    victim, healthy = ids[1], ids[0]
    _break_case(tables, victim)
    shown = run("--db", url, "cases", "show", victim)
    assert shown.exit_code == 1
    assert victim in shown.output
    assert "status" in shown.output
    explained = run("--db", url, "--policy", POLICY, "cases", "explain", victim)
    assert explained.exit_code == 1
    assert victim in explained.output
    listed = run("--db", url, "cases", "list")
    assert listed.exit_code == 1
    assert victim in listed.output
    assert run("--db", url, "cases", "show", healthy).exit_code == 0


@pytest.mark.parametrize("damage", [_break_event, _break_case])
def test_report_and_tick_end_in_an_exit_code_not_a_traceback(
    store: tuple[str, list[str], Tables], damage: object, tmp_path: object
) -> None:
    url, ids, tables = store
    damage(tables, ids[1])  # type: ignore[operator]
    for args in (("report", "--json"), ("tick",), ("audit", "verify")):
        result = run("--db", url, *args)
        assert result.exit_code in (0, 1), (args, result.output)


def test_the_library_raises_damaged_record(store: tuple[str, list[str], Tables]) -> None:
    url, ids, tables = store
    _break_event(tables, ids[1])
    _break_case(tables, ids[2])
    desk = Desk(storage=url)
    try:
        with pytest.raises(DamagedRecord) as event_error:
            desk.history(ids[1])
        with pytest.raises(DamagedRecord) as case_error:
            desk.get(ids[2])
        assert desk.get(ids[0]).id == ids[0]
    finally:
        desk.storage.close()
    assert ids[1] in str(event_error.value)
    assert ids[2] in str(case_error.value)
    json.dumps(str(case_error.value))  # a plain message, printable anywhere


def test_the_api_answers_a_damaged_case_with_503_naming_no_internals(
    store: tuple[str, list[str], Tables],
) -> None:
    url, ids, tables = store
    desk = Desk(storage=url)
    try:
        token = desk.get(ids[1]).status_token
        _break_case(tables, ids[1])
        with running_server(create_app(desk)) as served, loopback_client(base_url=served) as client:
            response = client.get(f"/status/{token}", headers={"accept": "application/json"})
    finally:
        desk.storage.close()
    assert response.status_code == 503
    assert "Traceback" not in response.text
    assert url not in response.text


def test_a_tick_passes_over_a_damaged_due_case_and_brings_the_others_up_to_date(
    url: str,
) -> None:
    """One row altered outside complaintkit must not stop every SLA of the store: the claim
    passes over it, takes the next due case in its place, and the report names it."""
    policy = load_policy(POLICY)
    received = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # as make_complaint is received
    desk = Desk(policy, storage=url, clock=ManualClock(received))
    try:
        ids = [desk.intake(make_complaint(f"D{n}", customer=f"C{n}")).id for n in range(5)]
    finally:
        desk.storage.close()
    tables = Tables(url)
    try:
        victim = ids[1]
        _break_case(tables, victim)  # its next deadline stays: it is due with the others
    finally:
        tables.close()
    later = received + timedelta(days=30)
    desk = Desk(policy, storage=url, clock=ManualClock(later))
    try:
        report = desk.tick(later, batch=2)  # the victim falls in the first claim
        assert [case_id for case_id, _ in report.failed] == [victim]
        assert "status" in report.failed[0][1]
        assert report.cases == 4
        assert report.breaches >= 4
        healthy = [desk.get(case_id) for case_id in ids if case_id != victim]
        assert all(case.next_deadline is None or case.next_deadline > later for case in healthy)
        again = desk.tick(later, batch=2)  # still due, still named, nothing else to do
        assert [case_id for case_id, _ in again.failed] == [victim]
        assert again.cases == 0
    finally:
        desk.storage.close()

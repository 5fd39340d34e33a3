"""``audit verify`` checks the report rows on every backend that keeps them: a day of
cases with clocks, escalations, root causes, ratings and compensation verifies clean, and a
report row edited in PostgreSQL is a ``report`` finding naming its case (it was not checked:
reports could lie about a store that verified clean)."""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest
from click.testing import CliRunner
from complaintkit_postgres.testing import drop_schema, scratch_url
from complaintkit_postgres.url import parse_url
from psycopg import sql
from psycopg.types.json import Jsonb
from reports_day import T0, GradingPolicy, H, play_day

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.reports import IncidentPolicy, Scope, WindowRule, build_report, open_source


def installed() -> Plugins:
    """The installed plugins: the PostgreSQL storage among them."""
    return Plugins(plugin_manager(load_entrypoints=True))


def verify(url: str) -> tuple[int, list[dict[str, Any]]]:
    cli = build_cli(installed())
    result = CliRunner().invoke(cli, ["--db", url, "audit", "verify", "--json"])
    return result.exit_code, json.loads(result.stdout)["broken"]


def play(url: str) -> dict[str, str]:
    clock = ManualClock(T0)
    desk = Desk(GradingPolicy(), storage=url, clock=clock, plugins=installed())
    try:
        return play_day(desk, clock)
    finally:
        desk.storage.close()


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_a_day_of_cases_verifies_clean_with_its_report_rows(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url = (
        f"sqlite:///{tmp_path / 'cases.db'}"
        if backend == "sqlite"
        else str(request.getfixturevalue("postgres_url"))
    )
    play(url)
    assert verify(url) == (0, [])


@pytest.fixture(scope="module")
def postgres_day(postgres_server_url: str) -> Iterator[tuple[str, dict[str, str]]]:
    """One played day on PostgreSQL; each test edits it and puts it back."""
    schema = f"ck_test_{secrets.token_hex(6)}"  # its own, as postgres_url gives each test
    url = scratch_url(postgres_server_url, schema)
    try:
        yield url, play(url)
    finally:
        drop_schema(postgres_server_url, schema)


EDITS = {
    "a status": ("UPDATE case_facts SET status = 'closed' WHERE id = %(A)s", "A", "status says"),
    "a duration": (
        "UPDATE case_facts SET resolution_secs = 1 WHERE id = %(A)s",
        "A",
        "resolution_secs says 1",
    ),
    "a deadline": (
        "UPDATE case_facts SET due_at = now(), due_metric = 'resolution' WHERE id = %(C)s",
        "C",
        "due_at says",
    ),
    "a rating": ("UPDATE case_facts SET satisfaction = 5 WHERE id = %(B)s", "B", "satisfaction"),
    "an SLA outcome": (
        "UPDATE case_sla SET breached = false WHERE case_id = %(B)s",
        "B",
        "case_sla row 'first_response': breached says False",
    ),
    "an SLA row added": (
        "INSERT INTO case_sla VALUES (%(D)s, 'resolution', true, false, NULL, false)",
        "D",
        "case_sla row 'resolution' has no counterpart",
    ),
    "a remedy amount": (
        "UPDATE case_remedies SET amount = '9999.00' WHERE case_id = %(A)s AND seq = 0",
        "A",
        "case_remedies row 0: amount says '9999.00' but its history gives '12.50'",
    ),
    "a remedy deleted": (
        "DELETE FROM case_remedies WHERE case_id = %(A)s AND seq = 1",
        "A",
        "case_remedies row 1 is missing",
    ),
    "a facts row deleted": ("DELETE FROM case_facts WHERE id = %(C)s", "C", "case_facts row is"),
    # instants no Python instant can hold: reading one raised, and ended the audit
    "a receipt at infinity": (
        "UPDATE case_facts SET received_at = 'infinity' WHERE id = %(A)s",
        "A",
        "case_facts row: received_at says 'infinity' but its history gives 20",
    ),
    "an opening before Christ": (
        "UPDATE case_facts SET opened_at = '0044-03-15 00:00+00 BC' WHERE id = %(A)s",
        "A",
        "case_facts row: opened_at says '0044-03-15",
    ),
    "a deadline past 9999": (
        "UPDATE case_facts SET due_at = '12000-01-01 00:00+00' WHERE id = %(C)s",
        "C",
        "case_facts row: due_at says '12000-01-01",
    ),
    "an SLA deadline at -infinity": (
        "UPDATE case_sla SET due_at = '-infinity' WHERE case_id = %(C)s",
        "C",
        "due_at says '-infinity'",
    ),
}


@pytest.mark.postgres
@pytest.mark.parametrize("edit", EDITS)
def test_an_edited_postgres_report_row_is_named(
    postgres_day: tuple[str, dict[str, str]], edit: str
) -> None:
    url, ids = postgres_day
    sql, victim, says = EDITS[edit]
    where = parse_url(url)
    with psycopg.connect(where.conninfo, options=where.server_options) as conn:
        conn.execute(sql, ids)
        conn.commit()
        try:
            code, broken = verify(url)
        finally:
            conn.execute("UPDATE cases SET version = version")  # the trigger writes them anew
            conn.commit()
    assert code == 1
    assert {(b["code"], b["case_id"]) for b in broken} == {("report", ids[victim])}
    assert any(says in b["problem"] for b in broken), broken
    assert verify(url) == (0, [])


@pytest.mark.postgres
def test_postgres_report_rows_of_a_case_not_stored_are_named(
    postgres_day: tuple[str, dict[str, str]],
) -> None:
    url, _ = postgres_day
    where = parse_url(url)
    with psycopg.connect(where.conninfo, options=where.server_options) as conn:
        conn.execute(
            "INSERT INTO case_sla VALUES ('CK-PHANTOM', 'resolution', false, true, NULL, false)"
        )
        conn.commit()
        try:
            code, broken = verify(url)
        finally:
            conn.execute("DELETE FROM case_sla WHERE case_id = 'CK-PHANTOM'")
            conn.commit()
    assert code == 1
    assert {(b["code"], b["case_id"]) for b in broken} == {("report", "CK-PHANTOM")}


@pytest.mark.postgres
def test_a_case_body_the_report_expressions_cannot_read_does_not_end_the_audit(
    postgres_day: tuple[str, dict[str, str]],
) -> None:
    """Edited with the trigger off, a body's receipt is no instant: the one pass over every
    case fails on it, so each case is compared alone; the edited one is a row finding."""
    url, ids = postgres_day
    where = parse_url(url)
    edit = "UPDATE cases SET body = jsonb_set(body, '{complaints,0,received_at}', '\"soon\"') "
    with psycopg.connect(where.conninfo, options=where.server_options) as conn:
        conn.execute("SET session_replication_role = replica")  # no trigger fires
        before = conn.execute("SELECT body FROM cases WHERE id = %s", (ids["A"],)).fetchone()
        conn.execute(edit + "WHERE id = %s", (ids["A"],))
        conn.commit()
        try:
            code, broken = verify(url)
        finally:
            assert before is not None
            conn.execute("UPDATE cases SET body = %s WHERE id = %s", (Jsonb(before[0]), ids["A"]))
            conn.commit()
    assert code == 1
    assert {b["case_id"] for b in broken} == {ids["A"]}
    assert "report" not in {b["code"] for b in broken}
    assert verify(url) == (0, [])


#: Instants a report row edited outside complaintkit may hold that no report can place:
#: text or a blob in SQLite's REAL columns; in PostgreSQL's, what Python cannot hold.
NO_INSTANTS: dict[str, list[str | bytes]] = {
    "sqlite": ["yesterday", b"\x00\x01"],
    "postgres": ["infinity", "-infinity", "0044-03-15 00:00:00+00 BC", "12000-01-01 00:00:00+00"],
}
#: (table, column, its case id column); PostgreSQL's facts also keep the soonest deadline.
INSTANT_COLUMNS = [
    ("case_facts", "received_at", "id"),
    ("case_facts", "opened_at", "id"),
    ("case_sla", "due_at", "case_id"),
    ("case_facts", "due_at", "id"),
]


class _Days:
    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        return end - start


def _no_instant_cases() -> list[Any]:
    return [
        pytest.param(
            backend,
            column,
            value,
            id=f"{backend}-{column[0]}.{column[1]}-{value!r}",
            marks=[pytest.mark.postgres] if backend == "postgres" else [],
        )
        for backend, values in NO_INSTANTS.items()
        for column in INSTANT_COLUMNS
        if backend == "postgres" or column != ("case_facts", "due_at", "id")
        for value in values
    ]


@pytest.mark.parametrize(("backend", "column", "value"), _no_instant_cases())
def test_a_report_row_holding_no_instant_is_named_and_the_report_built(
    backend: str,
    column: tuple[str, str, str],
    value: str | bytes,
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    """A report read such a row into a Python instant and ended in a traceback (psycopg's
    DataError, SQLite's TypeError); the case is now named on stderr and left out of what
    needs the instant (days, business times, incidents, time ranges), every figure built."""
    table, name, key = column
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'cases.db'}"
        ids = play(url)
        with sqlite3.connect(tmp_path / "cases.db") as db:
            db.execute(f"UPDATE {table} SET {name} = ? WHERE {key} = ?", (value, ids["C"]))
    else:
        url, ids = request.getfixturevalue("postgres_day")
        where = parse_url(url)
        with psycopg.connect(where.conninfo, options=where.server_options) as conn:
            conn.execute(
                sql.SQL("UPDATE {} SET {} = %s WHERE {} = %s").format(
                    sql.Identifier(table), sql.Identifier(name), sql.Identifier(key)
                ),
                (value, ids["C"]),
            )
        request.addfinalizer(lambda: _rewrite_report_rows(url))
    result = CliRunner().invoke(
        build_cli(installed()), ["--db", url, "report", "--json"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"] == 4
    warned = [line for line in result.stderr.splitlines() if ids["C"] in line]
    assert warned, result.stderr
    assert f"{table}.{name} holds " in warned[0]
    assert "not an instant" in warned[0]
    storage = installed().open_storage(url, read_only=True)
    try:
        for scope in (Scope(), Scope(since=T0 - timedelta(days=1)), Scope(until=T0 + H * 48)):
            report = build_report(
                open_source(storage),
                scope,
                calendar=_Days(),
                incidents=IncidentPolicy((WindowRule("product", 2, 72),), ()),
                now=T0 + H * 24,
            )
            assert {u.case_id for u in report.unreadable} == {ids["C"]}
            placed = sum(n for days in report.daily.values() for n in days.values())
            expected = 3 if name == "received_at" and table == "case_facts" else 4
            assert (report.total, placed) == (
                expected if scope.since or scope.until else 4,
                expected,
            )
    finally:
        storage.close()


def _rewrite_report_rows(url: str) -> None:
    where = parse_url(url)
    with psycopg.connect(where.conninfo, options=where.server_options) as conn:
        conn.execute("UPDATE cases SET version = version")  # the trigger writes them anew

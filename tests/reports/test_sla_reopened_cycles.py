"""A breach in an earlier cycle of a reopened case's clock stays in the SLA table.

Reopening a case starts ``first_response`` again in a new cycle (``reopen: new_cycle``),
keeping the earlier run in ``cycles``. The report counted only the current cycle, so a
case answered 3 hours late against a 2-hour target, resolved, reopened and answered in time
the second time counted *met*: reopening wiped the breach from attainment, while the same
report's first-response time (3 h) showed it late. Each backend must count it breached.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import attrs
import psycopg
import pytest
from click.testing import CliRunner
from complaintkit_postgres import PostgresStorage
from complaintkit_postgres.schema import MIGRATIONS as PG_MIGRATIONS
from complaintkit_postgres.testing import drop_schema, scratch_url
from psycopg import sql
from reports_day import T0, GradingPolicy, complaint, local_plugins

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.reports.metrics import SlaAttainment
from complaintkit.reports.scope import Scope
from complaintkit.sla.policy import SlaPolicy, compile_sections
from complaintkit.storage.base import Storage
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.sqlite_facts import NEW_CASE_FACTS, SLA_CYCLES
from complaintkit.storage.sqlite_schema import MIGRATIONS

H = timedelta(hours=1)
SLA = compile_sections(
    {"sla": {"warnings": [], "targets": [{"first_response": "2h", "resolution": "10h"}]}}
)


@attrs.frozen
class TimedPolicy(GradingPolicy):
    sla: SlaPolicy | None = SLA


def _at(clock: ManualClock, hours: float) -> None:
    clock.set(T0 + hours * H)


@pytest.fixture(
    name="desk", params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def desk_fixture(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Desk]:
    """A answered late (3 h, target 2 h), resolved, reopened, answered in time; B in time."""
    storage: str | Storage = (
        "memory:" if request.param == "memory" else f"sqlite:///{tmp_path / 'cases.db'}"
    )
    if request.param == "postgres":
        storage = PostgresStorage(request.getfixturevalue("postgres_url"))
    clock = ManualClock(T0)
    desk = Desk(TimedPolicy(), storage=storage, clock=clock, plugins=local_plugins())
    _history(desk, clock)
    yield desk
    desk.storage.close()


def _history(desk: Desk, clock: ManualClock) -> None:
    late = desk.intake(complaint("A", "web", T0)).id
    in_time = desk.intake(complaint("B", "web", T0)).id
    _at(clock, 1)
    desk.respond(in_time, "received", actor="li.na")
    _at(clock, 3)
    desk.tick()
    desk.respond(late, "sorry for the wait", actor="li.na")
    _at(clock, 4)
    desk.resolve(late, "replaced", actor="li.na")
    _at(clock, 5)
    desk.reopen(late, actor="li.na", reason="the replacement leaks too")
    _at(clock, 6)
    desk.respond(late, "looking at it", actor="li.na")
    desk.resolve(late, "refunded", actor="li.na")


def _report_sla(desk: Desk) -> list[SlaAttainment]:
    source = open_source(desk.storage)
    try:
        return build_report(source, Scope(), now=T0 + 7 * H).sla
    finally:
        getattr(source, "close", lambda: None)()


def test_breach_before_a_reopening_counts_breached(desk: Desk) -> None:
    # by hand: A's first answer came 3 h after receipt against 2 h (its first cycle breached;
    # the cycle the reopening started was met); B answered after 1 h. Resolution resumes
    # on reopening: A used 4 h + 1 h of 10 h, met; B is still within its 10 h at 7 h.
    (late,) = (c for c in desk.find() if c.complaint.external_id == "A")
    cycles = late.clocks.metrics["first_response"].cycles
    assert [c.outcome for c in cycles] == ["breached"]
    assert _report_sla(desk) == [
        SlaAttainment("first_response", met=1, breached=1, running=0, cancelled=0),
        SlaAttainment("resolution", met=1, breached=0, running=1, cancelled=0),
    ]


def test_a_reopened_case_is_timed_to_its_first_answer_and_latest_resolution(desk: Desk) -> None:
    # by hand: A first answered at 3 h (not its second answer at 6 h), resolved at 4 h and,
    # reopened, again at 6 h; B answered at 1 h. Nearest rank: p50 of [1, 3] is 1.
    source = open_source(desk.storage)
    try:
        durations = build_report(source, Scope(), now=T0 + 7 * H).to_json()["durations"]
    finally:
        getattr(source, "close", lambda: None)()
    assert durations["first_response"] == {
        "basis": "calendar",
        "count": 2,
        "p50_hours": 1.0,
        "p90_hours": 3.0,
        "p99_hours": 3.0,
    }
    assert (durations["resolution"]["count"], durations["resolution"]["p50_hours"]) == (1, 6.0)


def _sqlite_desk(path: Path) -> Desk:
    """The fixture's history on a SQLite file, closed again (``_history``)."""
    clock = ManualClock(T0)
    desk = Desk(TimedPolicy(), storage=f"sqlite:///{path}", clock=clock, plugins=local_plugins())
    _history(desk, clock)
    desk.storage.close()
    return desk


SLA_ROWS = "SELECT * FROM case_sla ORDER BY case_id, metric"


def _sla_rows(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        return db.execute(SLA_ROWS).fetchall()


def test_sqlite_derives_the_earlier_cycles_breach_from_stored_bodies(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    _sqlite_desk(path)
    written = _sla_rows(path)
    assert sorted(int(str(row[3])) for row in written) == [
        0,
        0,
        0,
        1,
    ]  # breached: A's first_response
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM case_sla")
        for statement in NEW_CASE_FACTS:
            db.execute(statement, (0,))
    assert _sla_rows(path) == written


def test_a_store_from_before_migrates_to_count_the_earlier_cycles_breach(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    _sqlite_desk(path)
    written = _sla_rows(path)
    for _ in range(2):  # as the version before left it; migrating twice changes nothing more
        with sqlite3.connect(path) as db:
            db.execute("UPDATE case_sla SET breached = 0")
            db.execute(f"PRAGMA user_version = {MIGRATIONS.index(SLA_CYCLES)}")
        SQLiteStorage(f"sqlite:///{path}").close()
        assert _sla_rows(path) == written
    verified = CliRunner().invoke(
        build_cli(), ["--db", f"sqlite:///{path}", "audit", "verify", "--json"]
    )
    assert verified.exit_code == 0, verified.output
    assert json.loads(verified.output)["broken"] == []


@pytest.mark.postgres
def test_a_postgres_schema_from_before_migrates_to_count_the_earlier_cycles_breach(
    postgres_server_url: str,
) -> None:
    schema = f"ck_cycles_{secrets.token_hex(6)}"
    url = scratch_url(postgres_server_url, schema)
    rows = sql.SQL("SELECT case_id, metric, met, breached FROM {}.case_sla ORDER BY 1, 2").format(
        sql.Identifier(schema)
    )
    try:
        clock = ManualClock(T0)
        storage = PostgresStorage(url)
        desk = Desk(TimedPolicy(), storage=storage, clock=clock, plugins=local_plugins())
        _history(desk, clock)
        storage.close()
        with psycopg.connect(postgres_server_url, autocommit=True) as conn:
            written = conn.execute(rows).fetchall()
            assert sorted(row[3] for row in written) == [False, False, False, True]
            # as the version before left it
            conn.execute(
                sql.SQL("UPDATE {}.case_sla SET breached = false").format(sql.Identifier(schema))
            )
            conn.execute(
                sql.SQL("UPDATE {}.schema_version SET version = %s").format(sql.Identifier(schema)),
                (next(n for n, step in enumerate(PG_MIGRATIONS) if "'cycles'" in step),),
            )
        PostgresStorage(url).close()
        with psycopg.connect(postgres_server_url, autocommit=True) as conn:
            assert conn.execute(rows).fetchall() == written
        verified = CliRunner().invoke(build_cli(), ["--db", url, "audit", "verify", "--json"])
        assert verified.exit_code == 0, verified.output
        assert json.loads(verified.output)["broken"] == []
    finally:
        drop_schema(postgres_server_url, schema)

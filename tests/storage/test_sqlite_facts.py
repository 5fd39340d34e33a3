"""The report rows SQLite storage writes with each case: updates rewrite only what they
change, what they leave is what writing the case afresh would give, and the Python and SQL
derivations agree."""

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.case import FISHBONE_CATEGORIES, NATURES, Case, RootCause, Satisfaction
from complaintkit.model.clocks import Outcome
from complaintkit.model.lifecycle import Status
from complaintkit.policy.compiled import load_policy
from complaintkit.reports.scope import Scope
from complaintkit.reports.sqlite_source import SQLiteReportSource
from complaintkit.storage import sqlite_writes
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.sqlite_facts import (
    DROP_UPDATE_TRIGGERS,
    GUARDED_UPDATES,
    NEW_CASE_FACTS,
    RECEIVED_AT,
    SLA_DUE,
)
from complaintkit.storage.sqlite_schema import MIGRATIONS

SHOP = Path(__file__).resolve().parents[2] / "policies" / "ecommerce" / "online-shop.yaml"
T0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
REPORT_TABLES = {
    "case_facts": "SELECT * FROM case_facts ORDER BY id",
    "case_sla": "SELECT * FROM case_sla ORDER BY case_id, metric",
    "case_remedies": "SELECT * FROM case_remedies ORDER BY case_id, seq",
}


def report_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as db:
        return {table: db.execute(sql).fetchall() for table, sql in REPORT_TABLES.items()}


def rewritten(path: Path, tmp_path: Path) -> Path:
    """The same cases inserted into a fresh store, their rows derived as intake derives them."""
    fresh = tmp_path / "fresh.db"
    SQLiteStorage(f"sqlite:///{fresh}").close()
    with sqlite3.connect(fresh) as db:
        db.execute("ATTACH DATABASE ? AS old", (str(path),))
        db.execute("INSERT INTO cases SELECT * FROM old.cases")
        for statement in NEW_CASE_FACTS:
            db.execute(statement, (0,))
        db.execute(
            "UPDATE case_facts SET reopened = "
            "(SELECT reopened FROM old.case_facts o WHERE o.id = case_facts.id)"
        )
    return fresh


def test_rows_after_a_case_history_match_the_case_written_afresh(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    clock = ManualClock(T0)
    desk = Desk(load_policy(SHOP), storage=f"sqlite:///{path}", clock=clock)
    fraud = desk.intake(
        {
            "channel": "app",
            "external_id": "fraud",
            "received_at": T0.isoformat(),
            "customer": {"id": "c1"},
            "text": "收到的是假货,要求退一赔三",
            "product": "earbuds",
            "amount": {"amount": "300", "currency": "CNY"},
            "attributes": {"fraud": True},  # found: 退一赔三 needs the supervisor's approval
        }
    )
    quiet = desk.intake(
        {
            "channel": "web",
            "external_id": "quiet",
            "received_at": T0.isoformat(),
            "customer": {"id": "c2"},
            "text": "优惠券用不了",
        }
    )
    before = report_rows(path)
    clock.advance(timedelta(days=5))
    assert desk.tick().escalations  # levels fire: tags, owner and level change, breaches
    after_tick = report_rows(path)
    assert after_tick != before
    desk.respond(quiet.id, "您好,已为您补发优惠券", actor="lin.kefu")
    case = desk.propose_compensation(fraud.id, actor="han.fawu")
    desk.approve_compensation(fraud.id, case.compensation[-1]["id"], role="supervisor", actor="z")
    desk.offer_compensation(fraud.id, case.compensation[-1]["id"], actor="han.fawu")
    desk.resolve(quiet.id, "补发优惠券", actor="lin.kefu")
    desk.follow_up(quiet.id, 4, actor="lin.kefu")
    rows = report_rows(path)
    assert rows["case_remedies"]
    assert rows == report_rows(rewritten(path, tmp_path))


def _intake(desk: Desk, external_id: str = "n") -> Case:
    return desk.intake(
        {
            "channel": "web",
            "external_id": external_id,
            "received_at": T0.isoformat(),
            "customer": {"id": "c"},
            "text": "parcel late",
        }
    )


def test_an_update_that_changes_no_fact_writes_no_report_row(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    desk = Desk(load_policy(SHOP), storage=f"sqlite:///{path}", clock=ManualClock(T0))
    case = _intake(desk)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE written (report TEXT)")
        for table in REPORT_TABLES:
            for change in ("INSERT", "UPDATE", "DELETE"):
                db.execute(
                    f"CREATE TRIGGER {table}_{change} AFTER {change} ON {table} "
                    f"BEGIN INSERT INTO written VALUES ('{table} {change}'); END"
                )

    def written() -> list[str]:
        with sqlite3.connect(path) as db:
            return [table for (table,) in db.execute("SELECT report FROM written")]

    desk.note(case.id, "called the carrier", actor="li.na")
    assert written() == []
    desk.respond(case.id, "您好,包裹已在路上", actor="li.na")  # its duration, its clock met
    assert written() == ["case_facts UPDATE", "case_sla INSERT"]


def test_a_report_row_that_differs_from_its_case_is_written_again(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    desk = Desk(storage=f"sqlite:///{path}", clock=ManualClock(T0))
    case = _intake(desk)
    with sqlite3.connect(path) as db:
        before = report_rows(path)
        db.execute("UPDATE case_facts SET product = 'marker' WHERE id = ?", (case.id,))
        db.execute("INSERT INTO case_sla VALUES (?, 'gone', 0, 1, NULL, 0)", (case.id,))
    desk.note(case.id, "called the carrier", actor="li.na")
    assert report_rows(path) == before


def test_migrating_drops_the_update_triggers_and_derives_the_durations_again(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cases.db"
    clock = ManualClock(T0)
    desk = Desk(storage=f"sqlite:///{path}", clock=clock)
    case = _intake(desk)
    clock.advance(timedelta(hours=1, microseconds=1500))
    desk.respond(case.id, "您好,包裹已在路上", actor="li.na")
    written = report_rows(path)
    with sqlite3.connect(path) as db:  # the store as the version before left it
        db.executescript(GUARDED_UPDATES)
        db.execute("UPDATE case_facts SET first_response_secs = 3600.001")  # julianday's ms
        db.execute(f"PRAGMA user_version = {MIGRATIONS.index(DROP_UPDATE_TRIGGERS)}")
    SQLiteStorage(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as db:
        triggers = db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
    assert triggers == []
    assert report_rows(path) == written
    assert written["case_facts"][0][7] == 3600.002  # 1.5 ms is rounded away from zero


#: A store as complaintkit wrote it before the report rows held the complaint's receipt.
STORE_BEFORE_RECEIVED_AT = Path(__file__).with_name("store_before_received_at.sql")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_a_store_from_before_the_receipt_migrates_to_count_and_time_by_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cases.db"
    with sqlite3.connect(path) as db:
        db.executescript(STORE_BEFORE_RECEIVED_AT.read_text(encoding="utf-8"))
        (version,) = db.execute("PRAGMA user_version").fetchone()
    assert version <= MIGRATIONS.index(RECEIVED_AT)  # written before the receipt joined the facts
    url = f"sqlite:///{path}"
    storage = SQLiteStorage(url)
    source = SQLiteReportSource(storage)
    try:
        assert source.daily("channel", Scope(), SHANGHAI) == {
            "old-desk": {date(2026, 3, 2): 1},
            "web": {date(2026, 3, 9): 1},
        }
        waited = (7 * 24 + 5) * 3600.0  # received a week and five hours before intake
        late = Scope(channel="old-desk")
        assert source.percentiles("first_response", late, [0.5]) == (1, [waited + 3600])
        assert source.percentiles("resolution", late, [0.5]) == (1, [waited + 7200])
    finally:
        source.close()
        storage.close()
    assert report_rows(path) == report_rows(rewritten(path, tmp_path))
    verified = CliRunner().invoke(build_cli(), ["--db", url, "audit", "verify", "--json"])
    assert verified.exit_code == 0, verified.output
    assert json.loads(verified.output)["broken"] == []


def test_a_store_rewound_before_the_receipt_migrates_again(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    desk = Desk(storage=f"sqlite:///{path}", clock=ManualClock(T0))
    _intake(desk)
    desk.storage.close()
    written = report_rows(path)
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {MIGRATIONS.index(RECEIVED_AT)}")
    SQLiteStorage(f"sqlite:///{path}").close()
    assert report_rows(path) == written


# --- the Python derivation and the SQL one agree --------------------------------------------

_ZONES = st.sampled_from(
    [UTC, timezone(timedelta(hours=8)), timezone(-timedelta(hours=5, minutes=30))]
)
_INSTANTS = st.datetimes(
    datetime(1990, 1, 1),  # noqa: DTZ001 -- hypothesis wants naive bounds
    datetime(2100, 1, 1),  # noqa: DTZ001
    timezones=_ZONES,
)
# SQLite's JSON functions end a string at NUL (storage writes it whole); a body is UTF-8
_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=8)
_SCALARS = st.none() | st.booleans() | st.integers(-(2**40), 2**40) | _TEXT


@st.composite
def _later(draw: st.DrawFn, start: datetime) -> datetime | None:
    if draw(st.booleans()):
        return None
    spans = st.timedeltas(timedelta(days=-2), timedelta(days=400))
    return (start + draw(spans)).astimezone(draw(_ZONES))


_REMEDY = st.fixed_dictionaries(
    {},
    optional={
        "kind": st.none() | _TEXT,
        "amount": st.fixed_dictionaries(
            {},
            optional={
                "amount": _SCALARS | st.decimals(-1000, 1000, places=2).map(str),
                "currency": st.none() | _TEXT,
            },
        )
        | _SCALARS,
    },
)
_ENTRY = st.fixed_dictionaries(
    {},
    optional={
        "status": _SCALARS | st.lists(_TEXT, max_size=2),
        "decision": st.fixed_dictionaries(
            {}, optional={"remedies": st.lists(_REMEDY | _SCALARS, max_size=3) | _SCALARS}
        )
        | _SCALARS,
    },
)


@pytest.fixture(scope="module")
def ticked(tmp_path_factory: pytest.TempPathFactory) -> Case:
    """A case with real SLA clocks, some breached after a tick."""
    path = tmp_path_factory.mktemp("ticked") / "cases.db"
    clock = ManualClock(T0)
    desk = Desk(load_policy(SHOP), storage=f"sqlite:///{path}", clock=clock)
    with desk.storage:
        case = _intake(desk)
        clock.advance(timedelta(days=5))
        desk.tick()
        return desk.get(case.id)


_OUTCOMES: list[Outcome | None] = [None, "met", "breached", "cancelled"]


@st.composite
def _cases(draw: st.DrawFn, base: Case) -> Case:
    opened = draw(_INSTANTS)
    received = attrs.evolve(base.complaint, received_at=draw(_later(opened)) or opened)
    clocks = base.clocks
    marks = st.none() | st.just(opened)
    for metric, state in base.clocks.metrics.items():
        outcome = draw(st.sampled_from(_OUTCOMES))
        moved = attrs.evolve(state, met_at=draw(marks), breached_at=draw(marks), outcome=outcome)
        clocks = clocks.with_metric(metric, moved)
    cause = st.builds(
        RootCause,
        st.sampled_from(FISHBONE_CATEGORIES),
        st.lists(st.text("abc 为什么", min_size=1).filter(str.strip), min_size=1, max_size=5),
        st.sampled_from(NATURES),
    )
    return attrs.evolve(
        base,
        status=draw(st.sampled_from(Status)),
        opened_at=opened,
        complaints=(received, *base.complaints[1:]),
        category=draw(st.none() | _TEXT),
        severity=draw(st.none() | _TEXT),
        first_response_at=draw(_later(opened)),
        resolved_at=draw(_later(opened)),
        satisfaction=draw(
            st.none()
            | st.builds(Satisfaction, st.integers(1, 5))
            | st.just(Satisfaction(None, refused=True))
        ),
        escalation_level=draw(st.integers(0, 5)),
        root_cause=draw(st.none() | cause),
        clocks=clocks,
        compensation=draw(st.lists(st.one_of(_ENTRY, _SCALARS), max_size=3)),
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    path = tmp_path_factory.mktemp("derived") / "cases.db"
    SQLiteStorage(f"sqlite:///{path}").close()
    with sqlite3.connect(path, isolation_level=None) as db:
        # every statement here commits on its own: none waits for the disk, which proves
        # nothing about the rows (a crash is not what this module tests)
        db.execute("PRAGMA synchronous = OFF")
        yield db


def _emptied(db: sqlite3.Connection) -> None:
    for table in ("cases", *REPORT_TABLES):
        db.execute(f"DELETE FROM {table}")


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_storage_writes_the_rows_the_sql_derives_from_the_stored_body(
    data: st.DataObject, ticked: Case, store: sqlite3.Connection
) -> None:
    case = data.draw(_cases(ticked))
    _emptied(store)
    sqlite_writes.insert_cases(store, [case])
    written: dict[str, list[Any]] = {
        table: store.execute(sql).fetchall() for table, sql in REPORT_TABLES.items()
    }
    for table in REPORT_TABLES:
        store.execute(f"DELETE FROM {table}")
    for statement in NEW_CASE_FACTS:
        store.execute(statement, (0,))
    assert {table: store.execute(sql).fetchall() for table, sql in REPORT_TABLES.items()} == (
        written
    )


def test_a_store_from_before_the_due_instants_migrates_to_count_a_passed_deadline(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cases.db"
    desk = Desk(load_policy(SHOP), storage=f"sqlite:///{path}", clock=ManualClock(T0))
    _intake(desk)
    desk.storage.close()
    written = report_rows(path)
    assert all(row[4] is not None for row in written["case_sla"])  # running: due some day
    with sqlite3.connect(path) as db:  # the store as the version before left it
        db.execute("DROP INDEX case_sla_outcome_due")
        db.execute("CREATE INDEX case_sla_outcome ON case_sla (metric, met, breached)")
        db.execute("ALTER TABLE case_sla DROP COLUMN cancelled")
        db.execute("ALTER TABLE case_sla DROP COLUMN due_at")
        db.execute(f"PRAGMA user_version = {MIGRATIONS.index(SLA_DUE)}")
    url = f"sqlite:///{path}"
    storage = SQLiteStorage(url)
    source = SQLiteReportSource(storage)
    try:  # a month on, no tick has run: both clocks have missed their deadlines
        tallies = source.sla(Scope(), T0 + timedelta(days=30))
        assert {m: (t.met, t.breached, t.running) for m, t in tallies.items()} == {
            "first_response": (0, 1, 0),
            "resolution": (0, 1, 0),
        }
    finally:
        source.close()
        storage.close()
    assert report_rows(path) == written == report_rows(rewritten(path, tmp_path))
    with sqlite3.connect(path) as db:  # rewound: migrating again changes nothing
        db.execute(f"PRAGMA user_version = {MIGRATIONS.index(SLA_DUE)}")
    SQLiteStorage(url).close()
    assert report_rows(path) == written
    verified = CliRunner().invoke(build_cli(), ["--db", url, "audit", "verify", "--json"])
    assert verified.exit_code == 0, verified.output
    assert json.loads(verified.output)["broken"] == []

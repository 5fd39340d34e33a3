"""SQLite and PostgreSQL give the same report figures on the same cases.

The PostgreSQL source answers in SQL (aggregates and ``percentile_disc`` in the database);
this runs the same day of cases plus the CFPB sample through both and compares every figure.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from cfpb import cfpb_complaint, cfpb_rows
from complaintkit_postgres import PostgresStorage
from complaintkit_postgres.reports import PostgresReportSource
from complaintkit_postgres.testing import drop_schema, scratch_url
from reports_day import (
    T0,
    GradingPolicy,
    complaint,
    entry,
    local_plugins,
    play_day,
    set_fields,
)

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.instants import seconds_between
from complaintkit.policy.compiled import load_policy
from complaintkit.reports import IncidentPolicy, SpikeRule, WindowRule, build_report, open_source
from complaintkit.reports.grouping import GroupBy
from complaintkit.reports.scope import Scope
from complaintkit.reports.sqlite_source import SQLiteReportSource
from complaintkit.sla.calendar import BusinessCalendar
from complaintkit.storage.base import Storage

pytestmark = pytest.mark.postgres

RULES = IncidentPolicy(
    (WindowRule("product", 3, 72), WindowRule("attributes.company", 3, 72)),
    (SpikeRule("category", min_count=2), SpikeRule("product", min_count=2)),
)
BY = [GroupBy.parse(t) for t in ("tag", "owner", "team", "attribute.state", "channel")]


#: Complaints taken in a day late, without a history (an mbox of earlier e-mail): (key,
#: product, hours before T0 received, hours after intake answered or None).
LATE = [("M1", "P1", 70, 2), ("M2", "P1", 49, None), ("M3", "P2", 26, 30), ("M4", "P9", 10, 1)]


def take_in_late(desk: Desk, clock: ManualClock) -> None:
    intake = T0 + timedelta(days=1)
    for key, product, before, answer in LATE:
        clock.set(intake)
        case = desk.intake(complaint(key, "mbox", T0 - timedelta(hours=before), product))
        if answer is not None:
            clock.set(intake + timedelta(hours=answer))
            desk.respond(case.id, "sorry for the wait", actor="li.na")


#: Complaints imported with a history, all about one product within hours: history, not a
#: batch the desk was warned about.
IMPORTED = [f"OLD-{i}" for i in range(3)]


def import_history(desk: Desk, clock: ManualClock) -> None:
    clock.set(T0 + timedelta(days=2))
    for i, key in enumerate(IMPORTED):
        old = complaint(key, "old-desk", T0 - timedelta(hours=5 - i), "P-OLD")
        desk.intake({**old, "history": {"status": "closed", "closed_at": T0.isoformat()}})


def fill(url: str | Storage) -> Desk:
    clock = ManualClock(T0)
    desk = Desk(GradingPolicy(), storage=url, clock=clock, plugins=local_plugins())
    play_day(desk, clock)
    take_in_late(desk, clock)
    import_history(desk, clock)
    rows = cfpb_rows()
    for start in range(0, len(rows), 40):
        at = datetime.fromisoformat(rows[start]["Date received"]).replace(hour=9, tzinfo=UTC)
        clock.set(at)
        desk.intake_many([cfpb_complaint(r, at) for r in rows[start : start + 40]])
    desk.storage.dead_letter("csv:rows.csv:7", b"x", "missing text", T0)
    return desk


def figures(desk: Desk, **options: Any) -> dict[str, Any]:
    source = open_source(desk.storage)
    report = build_report(source, incidents=RULES, now=T0, by=BY, **options).to_json()
    if isinstance(source, SQLiteReportSource):
        source.close()

    def external(case_id: str) -> str:  # case ids are random; complaints' ids are the data's
        return desk.get(case_id).complaint.external_id

    for incident in report["batches"]:
        incident["case_ids"] = sorted(external(c) for c in incident["case_ids"])
    for item in report["late"]:
        item["case_id"] = external(item["case_id"])
    return report


@pytest.fixture(scope="module")
def desks(tmp_path_factory: pytest.TempPathFactory, postgres_server_url: str) -> Any:
    sqlite = fill(f"sqlite:///{tmp_path_factory.mktemp('same') / 'cases.db'}")
    schema = "ck_test_report_parity"
    drop_schema(postgres_server_url, schema)
    postgres = fill(PostgresStorage(scratch_url(postgres_server_url, schema)))
    yield sqlite, postgres
    postgres.storage.close()
    drop_schema(postgres_server_url, schema)


def test_postgres_storage_reports_through_sql(desks: tuple[Desk, Desk]) -> None:
    assert isinstance(open_source(desks[1].storage), PostgresReportSource)


def test_same_figures_on_sqlite_and_postgres(desks: tuple[Desk, Desk]) -> None:
    sqlite, postgres = desks
    expected = figures(sqlite)
    assert expected["total"] == len(cfpb_rows()) + 4 + len(LATE) + len(IMPORTED)
    assert expected["imported"] == len(IMPORTED)
    got = figures(postgres)
    assert {k: v for k, v in got.items() if v != expected[k]} == {}


def test_same_figures_in_memory(desks: tuple[Desk, Desk]) -> None:
    memory = fill("memory:")
    zone = ZoneInfo("Asia/Shanghai")
    for options in ({}, {"zone": zone}, {"scope": Scope(T0 - timedelta(days=3), T0)}):
        assert figures(memory, **options) == figures(desks[0], **options)


def test_late_complaints_count_on_their_received_days(desks: tuple[Desk, Desk]) -> None:
    zone = ZoneInfo("Asia/Shanghai")
    for desk in desks:
        source = open_source(desk.storage)
        days = source.daily("channel", Scope(channel="mbox"), zone)["mbox"]
        assert days == {date(2026, 2, 27): 1, date(2026, 2, 28): 1, date(2026, 3, 1): 2}
        getattr(source, "close", lambda: None)()


def test_same_figures_in_business_time_and_a_local_zone(desks: tuple[Desk, Desk]) -> None:
    sqlite, postgres = desks
    calendar = BusinessCalendar.from_mapping(
        {"timezone": "Asia/Shanghai", "hours": {"mon-fri": ["09:00-18:00"]}}
    )
    zone = ZoneInfo("Asia/Shanghai")
    assert figures(postgres, calendar=calendar, zone=zone) == figures(
        sqlite, calendar=calendar, zone=zone
    )


DEMO = Path(__file__).parents[2] / "src" / "complaintkit" / "demo" / "policy.yaml"
TEXTS = ["牛奶变质了,要求退款", "The parcel never arrived.", "收银员态度很差", "charged twice"]


def late_and_workload(desk: Desk, now: datetime) -> dict[str, Any]:
    data = build_report(open_source(desk.storage), now=now).to_json()
    for item in data["late"]:
        item["case_id"] = desk.get(item["case_id"]).complaint.external_id
    return {"late": data["late"], "workload": data["workload"]}


def test_open_and_late_section_agrees(postgres_url: str, tmp_path: Path) -> None:
    """The PostgreSQL section comes from each open case's soonest running clock in SQL."""
    policy = load_policy(DEMO)
    start = datetime(2026, 11, 23, 9, tzinfo=UTC)
    desks = []
    for storage in (f"sqlite:///{tmp_path / 'c.db'}", PostgresStorage(postgres_url)):
        clock = ManualClock(start)
        desk = Desk(policy, storage=storage, clock=clock, plugins=local_plugins())
        for n in range(24):
            clock.set(start + timedelta(hours=5 * n))
            desk.intake(
                {
                    "channel": "web",
                    "external_id": f"w{n}",
                    "received_at": clock.now().isoformat(),
                    "customer": {"id": f"c{n}"},
                    "text": TEXTS[n % len(TEXTS)],
                }
            )
        desks.append(desk)
    now = start + timedelta(days=6)
    sqlite, postgres = (late_and_workload(d, now) for d in desks)
    assert sqlite["late"]
    assert postgres == sqlite
    desks[1].storage.close()


#: First responses a half millisecond past a whole one (and one whole), small and large.
HALVES_US = [500, 1_500, 2_500, 4_500, 7_000, 1_000_500, 3_599_999_500, 86_400_000_500]


def test_durations_on_a_half_millisecond_round_alike(postgres_url: str, tmp_path: Path) -> None:
    """Every store rounds a duration to the millisecond, halves away from zero, from the
    exact microseconds (``model.instants.seconds_between``); PostgreSQL in numeric SQL."""
    expected = [seconds_between(T0, T0 + timedelta(microseconds=us)) for us in HALVES_US]
    assert expected[:5] == [0.001, 0.002, 0.003, 0.005, 0.007]
    for storage in (f"sqlite:///{tmp_path / 'halves.db'}", PostgresStorage(postgres_url)):
        clock = ManualClock(T0)
        desk = Desk(GradingPolicy(), storage=storage, clock=clock, plugins=local_plugins())
        for n, us in enumerate(HALVES_US):
            clock.set(T0)
            case = desk.intake(complaint(f"h{n}", f"channel-{n}", T0))
            clock.set(T0 + timedelta(microseconds=us))
            desk.respond(case.id, "received", actor="li.na")
        source = open_source(desk.storage)
        found = [
            source.percentiles("first_response", Scope(channel=f"channel-{n}"), [0.5])[1][0]
            for n in range(len(HALVES_US))
        ]
        getattr(source, "close", lambda: None)()
        desk.storage.close()
        assert found == expected, storage


def test_imported_cases_open_no_batch_on_any_source(desks: tuple[Desk, Desk]) -> None:
    for desk in (*desks, fill("memory:")):
        values = {b["value"] for b in figures(desk)["batches"]}
        assert "P-OLD" not in values


#: Amounts as ``Money`` writes them (``str(Decimal)``): exponents for some, e.g. "1e3".
AMOUNTS = ["1E+3", "0.10", "1E-2", "12.50", "2.0E+1"]


def test_amounts_in_exponent_form_are_summed_alike(postgres_url: str, tmp_path: Path) -> None:
    totals = []
    for storage in ("memory:", f"sqlite:///{tmp_path / 'e.db'}", PostgresStorage(postgres_url)):
        desk = Desk(
            GradingPolicy(), storage=storage, clock=ManualClock(T0), plugins=local_plugins()
        )
        case = desk.intake(complaint("E1", "web", T0))
        given = entry("accepted", *(("refund", amount, "CNY") for amount in AMOUNTS))
        set_fields(desk, case.id, compensation=[given])
        totals.append(build_report(open_source(desk.storage), now=T0).compensation_totals)
        desk.storage.close()
    assert totals[0] == {"CNY": (5, Decimal("1032.61"))}
    assert totals[1:] == totals[:1] * 2

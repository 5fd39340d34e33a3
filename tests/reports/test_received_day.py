"""Reports count a complaint on the day it was received and time it from receipt.

A complaint taken in late without a ``history`` (last week's e-mail, yesterday's form export)
is opened at intake, but the customer complained when it was received and the SLA clocks
run from then: every backend counts, scopes, buckets and times it by its ``received_at``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from complaintkit_postgres import PostgresStorage
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reports_day import GradingPolicy, complaint, local_plugins

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import IncidentPolicy, SpikeRule, WindowRule, build_report, open_source
from complaintkit.reports.scope import Scope
from complaintkit.reports.source import ReportSource
from complaintkit.sla.calendar import BusinessCalendar
from complaintkit.storage.base import Storage

SHANGHAI = ZoneInfo("Asia/Shanghai")
RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=SHANGHAI)  # a Monday
INTAKE = datetime(2026, 3, 9, 15, 0, tzinfo=SHANGHAI)  # the next Monday: the import
H = timedelta(hours=1)
RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"


@pytest.fixture(
    name="desk", params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def desk_fixture(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Desk]:
    storage: str | Storage = (
        "memory:" if request.param == "memory" else f"sqlite:///{tmp_path / 'cases.db'}"
    )
    if request.param == "postgres":
        storage = PostgresStorage(request.getfixturevalue("postgres_url"))
    clock = ManualClock(INTAKE)
    desk = Desk(GradingPolicy(), storage=storage, clock=clock, plugins=local_plugins())
    late = desk.intake(complaint("P-1", "old-desk", RECEIVED, "bread"))
    desk.intake(complaint("W-1", "web", INTAKE, "bread"))
    clock.set(INTAKE + H)
    desk.respond(late.id, "sorry for the wait", actor="li.na")
    clock.set(INTAKE + 2 * H)
    desk.resolve(late.id, "refunded", actor="li.na")
    yield desk
    desk.storage.close()


@pytest.fixture(name="source")
def source_fixture(desk: Desk) -> Iterator[ReportSource]:
    source = open_source(desk.storage)
    yield source
    getattr(source, "close", lambda: None)()


def test_a_late_taken_complaint_counts_on_its_received_day(source: ReportSource) -> None:
    assert source.daily("channel", Scope(), SHANGHAI) == {
        "old-desk": {date(2026, 3, 2): 1},
        "web": {date(2026, 3, 9): 1},
    }


def test_a_scope_finds_it_by_its_received_day(source: ReportSource) -> None:
    received_day = Scope(
        datetime(2026, 3, 2, tzinfo=SHANGHAI), datetime(2026, 3, 3, tzinfo=SHANGHAI)
    )
    intake_day = Scope(
        datetime(2026, 3, 9, tzinfo=SHANGHAI), datetime(2026, 3, 10, tzinfo=SHANGHAI)
    )
    assert source.counts("channel", received_day) == {"old-desk": 1}
    assert source.counts("channel", intake_day) == {"web": 1}
    assert source.total(received_day) == source.total(intake_day) == 1


def test_response_and_resolution_times_run_from_receipt(source: ReportSource) -> None:
    waited = INTAKE - RECEIVED
    late = Scope(channel="old-desk")
    assert source.percentiles("first_response", late, [0.5]) == (
        1,
        [(waited + H).total_seconds()],
    )
    assert source.percentiles("resolution", late, [0.5]) == (1, [(waited + 2 * H).total_seconds()])
    office = BusinessCalendar.from_mapping(
        {"timezone": "Asia/Shanghai", "hours": {"mon-fri": ["09:00-18:00"]}}
    )
    # Monday 10:00-18:00, Tuesday to Friday, then Monday 09:00-16:00
    business = (8 + 4 * 9 + 7) * 3600.0
    assert source.percentiles("first_response", late, [0.5], office) == (1, [business])


def test_the_cli_reports_an_mbox_of_last_week_on_its_day(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    mail = tmp_path / "past.jsonl"
    received = "2026-03-02T10:00:00+08:00"
    late = {
        "channel": "old-desk",
        "external_id": "P-1",
        "received_at": received,
        "customer": {"id": "C1"},
        "text": "面包发霉了",
    }
    mail.write_text(json.dumps(late, ensure_ascii=False) + "\n", encoding="utf-8")
    cli, runner = build_cli(), CliRunner()
    base = ["--db", url, "--policy", str(RETAIL)]
    taken = runner.invoke(cli, [*base, "intake", str(mail)])
    assert taken.exit_code == 0, taken.output
    scope = ["--since", "2026-03-02T00:00:00+08:00", "--until", "2026-03-03T00:00:00+08:00"]
    done = runner.invoke(cli, [*base, "report", "--json", *scope])
    assert done.exit_code == 0, done.output
    figures = json.loads(done.output)
    assert figures["total"] == 1
    assert [list(d["days"]) for d in figures["daily"]] == [["2026-03-02"]]


# --- every source gives the same figures on late-taken complaints ------------------------

RULES = IncidentPolicy(
    (WindowRule("product", 2, 24),), (SpikeRule("channel", baseline_days=3, min_count=2),)
)
_TAKEN = st.lists(
    st.tuples(
        st.integers(0, 9 * 24),  # intake, hours after the first day's midnight
        st.integers(0, 8 * 24),  # how many hours before intake it was received
        st.sampled_from(["old-desk", "web", "csv"]),
        st.sampled_from(["bread", "milk"]),
        st.none() | st.integers(1, 30),  # hours to the first response
    ),
    max_size=10,
)
START = datetime(2026, 3, 1, tzinfo=SHANGHAI)


def _figures(desk: Desk, scope: Scope) -> dict[str, Any]:
    source = open_source(desk.storage)
    office = BusinessCalendar.from_mapping(
        {"timezone": "Asia/Shanghai", "hours": {"mon-fri": ["09:00-18:00"]}}
    )
    try:
        figures = {
            basis: build_report(
                source, scope, incidents=RULES, zone=SHANGHAI, now=START, calendar=calendar
            ).to_json()
            for basis, calendar in (("calendar", None), ("business", office))
        }
    finally:
        getattr(source, "close", lambda: None)()
    for report in figures.values():
        for incident in report["batches"]:
            incident["case_ids"] = sorted(
                desk.get(c).complaint.external_id for c in incident["case_ids"]
            )
    return figures


def _taken(storage: str | Storage, taken: list[tuple[int, int, str, str, int | None]]) -> Desk:
    """Take the complaints in, then answer them, each at its own instant in time order."""
    clock = ManualClock(START)
    desk = Desk(GradingPolicy(), storage=storage, clock=clock, plugins=local_plugins())
    steps: list[tuple[datetime, int, Any]] = []
    for n, (at, before, channel, product, answer) in enumerate(taken):
        intake = START + at * H
        steps.append((intake, n, complaint(f"K{n}", channel, intake - before * H, product)))
        if answer is not None:
            steps.append((intake + answer * H, n, None))
    ids: dict[int, str] = {}
    for when, n, data in sorted(steps, key=lambda step: (step[0], step[2] is None, step[1])):
        clock.set(when)
        if data is not None:
            ids[n] = desk.intake(data).id
        else:
            desk.respond(ids[n], "on it", actor="li.na")
    return desk


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(taken=_TAKEN, since=st.integers(0, 9), days=st.integers(1, 4))
def test_memory_and_sqlite_agree_on_late_taken_complaints(
    tmp_path_factory: pytest.TempPathFactory,
    taken: list[tuple[int, int, str, str, int | None]],
    since: int,
    days: int,
) -> None:
    memory = _taken("memory:", taken)
    sqlite = _taken(f"sqlite:///{tmp_path_factory.mktemp('agree') / 'cases.db'}", taken)
    for scope in (
        Scope(),
        Scope(START + timedelta(days=since), START + timedelta(days=since + days)),
    ):
        assert _figures(memory, scope) == _figures(sqlite, scope)
    sqlite.storage.close()

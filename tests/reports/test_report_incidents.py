"""Incidents, spikes, units and dead letters in the report, on the real CFPB sample."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import attrs
import pytest
from cfpb import cfpb_complaint, cfpb_rows
from click.testing import CliRunner
from reports_day import local_plugins

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.hookspecs import hookimpl
from complaintkit.model.case import Case
from complaintkit.model.complaint import Complaint
from complaintkit.model.events import CaseEvent
from complaintkit.policy.assessment import Assessment, EmptyPolicy, History
from complaintkit.reports import (
    IncidentPolicy,
    Scope,
    SpikeRule,
    WindowRule,
    build_report,
    open_source,
)
from complaintkit.reports.sqlite_source import SQLiteReportSource
from complaintkit.reports.table import render_text
from complaintkit.storage.sqlite import SQLiteStorage

RULE = WindowRule("attributes.company", 3, 72)


class Alerts:
    def __init__(self) -> None:
        self.ids: list[str] = []

    @hookimpl
    def case_event(self, event: CaseEvent, case: Case) -> None:
        if event.kind == "incident_detected":
            self.ids.append(event.data["id"])


@attrs.frozen
class WatchingPolicy(EmptyPolicy):
    """The empty policy with a batch rule on the company."""

    version: str = "test"
    incidents: IncidentPolicy | None = attrs.field(factory=lambda: IncidentPolicy((RULE,), ()))

    def assess(self, complaint: Complaint, history: History) -> Assessment:
        return Assessment(category="other", severity="normal", owner="li.na")


@pytest.fixture(scope="module")
def cfpb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Desk, Alerts]]:
    """The CFPB sample taken in day by day, each day's complaints as one intake_many batch."""
    alerts = Alerts()
    plugins = local_plugins()
    plugins.pm.register(alerts)
    url = f"sqlite:///{tmp_path_factory.mktemp('cfpb') / 'cases.db'}"
    clock = ManualClock(datetime(2019, 1, 1, tzinfo=UTC))
    desk = Desk(WatchingPolicy(), storage=url, clock=clock, plugins=plugins)
    days: dict[str, list[dict[str, str]]] = {}
    for row in cfpb_rows():
        days.setdefault(row["Date received"], []).append(row)
    for day, rows in days.items():
        at = datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC)
        clock.set(at)
        desk.intake_many([cfpb_complaint(r, at) for r in rows])
    with desk.storage:
        yield desk, alerts


def test_every_company_burst_is_flagged_once_and_incidents_do_not_overlap(
    cfpb: tuple[Desk, Alerts],
) -> None:
    desk, alerts = cfpb
    report = build_report(open_source(desk.storage), incidents=IncidentPolicy((RULE,), ()))
    held = [case_id for incident in report.batches for case_id in incident.case_ids]
    assert len(held) == len(set(held))
    assert sum(i.count for i in report.batches) == len(set(held))
    assert sorted(alerts.ids) == sorted(i.id for i in report.batches)
    # recount independently: a company opens an incident iff some 3 of its cases fit 72 h
    days: dict[str, list[datetime]] = {}
    for row in cfpb_rows():
        days.setdefault(row["Company"], []).append(datetime.fromisoformat(row["Date received"]))
    bursting = {
        company
        for company, times in days.items()
        if any(times[i + 2] - times[i] <= timedelta(hours=72) for i in range(len(times) - 2))
    }
    assert {i.value for i in report.batches} == bursting
    assert "Experian Information Solutions Inc." in bursting


def test_json_durations_say_their_unit(cfpb: tuple[Desk, Alerts]) -> None:
    desk, _ = cfpb
    data = build_report(open_source(desk.storage)).to_json()
    assert set(data["durations"]["first_response"]) == {
        "basis",
        "count",
        "p50_hours",
        "p90_hours",
        "p99_hours",
    }


def test_dead_letters_are_counted_by_reason(tmp_path: Path) -> None:
    desk = Desk(storage=f"sqlite:///{tmp_path / 'c.db'}", plugins=local_plugins())
    at = datetime(2026, 3, 2, tzinfo=UTC)
    for row, reason in enumerate(["missing text", "missing text", "not UTF-8"], start=7):
        desk.storage.dead_letter(f"csv:rows.csv:{row}", b"x", reason, at)
    report = build_report(open_source(desk.storage))
    assert report.dead_letters == {"missing text": 2, "not UTF-8": 1}
    assert report.to_json()["dead_letters"]["total"] == 3
    before = build_report(open_source(desk.storage), Scope(until=at))
    assert before.dead_letters == {}


RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"


def test_dead_letters_naming_a_case_are_one_reason(tmp_path: Path) -> None:
    """A notification refused for want of an address names its case; counted by reason,
    3,000 such letters are one row of 3,000, not 3,000 rows of one."""
    source = tmp_path / "in.jsonl"
    at = "2026-03-02T10:00:00+08:00"
    lines = [
        {"channel": "web", "external_id": f"n{n}", "received_at": at, "customer": {"id": f"c{n}"},
         "text": "面包发霉了"}
        for n in range(3)
    ]  # fmt: skip
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    cli, runner = build_cli(local_plugins()), CliRunner()
    base = ["--db", f"sqlite:///{tmp_path / 'c.db'}", "--policy", str(RETAIL)]
    assert runner.invoke(cli, [*base, "intake", str(source)]).exit_code == 0
    letters = json.loads(runner.invoke(cli, [*base, "report", "--json"]).output)["undelivered"]
    assert letters["total"] == 3
    assert len(letters["by_reason"]) == 1
    ((reason, n),) = letters["by_reason"].items()
    assert n == 3
    assert "CK-…" in reason


def test_acknowledgements_held_for_past_deadlines_are_one_reason(tmp_path: Path) -> None:
    """Last month's complaints, imported today, each hold back an acknowledgement naming
    its own past deadline: counted by reason they are one row, not one row per deadline."""
    source = tmp_path / "in.jsonl"
    lines = [
        {"channel": "web", "external_id": f"p{n}", "customer": {"id": f"c{n}",
         "contact": f"c{n}@example.com"}, "text": "面包发霉了",
         "received_at": f"2026-03-0{n + 2}T1{n}:00:00+08:00"}
        for n in range(3)
    ]  # fmt: skip
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    cli, runner = build_cli(local_plugins()), CliRunner()
    base = ["--db", f"sqlite:///{tmp_path / 'c.db'}", "--policy", str(RETAIL)]
    assert runner.invoke(cli, [*base, "intake", str(source)]).exit_code == 0
    letters = json.loads(runner.invoke(cli, [*base, "report", "--json"]).output)["undelivered"]
    assert letters["total"] == 3
    ((reason, n),) = letters["by_reason"].items()
    assert n == 3
    assert "which had passed when the case was opened" in reason


def test_a_product_surge_inside_its_category_surge_is_one_row(tmp_path: Path) -> None:
    clock = ManualClock(datetime(2026, 3, 1, 12, tzinfo=UTC))
    desk = Desk(storage="memory:", clock=clock, plugins=local_plugins())
    n = 0
    for day in range(20):
        clock.set(datetime(2026, 3, 1, 12, tzinfo=UTC) + timedelta(days=day))
        for _ in range(1 if day < 19 else 12):
            n += 1
            desk.intake(
                {
                    "channel": "web",
                    "external_id": f"k{n}",
                    "received_at": clock.now().isoformat(),
                    "customer": {"id": f"c{n}"},
                    "text": "sour milk",
                    "product": "SKU-MILK",
                }
            )
    policy = IncidentPolicy(
        (), (SpikeRule("category", min_count=5), SpikeRule("product", min_count=5))
    )
    report = build_report(open_source(desk.storage), incidents=policy)
    assert [(s.dimension, s.also) for s in report.spikes] == [
        ("category", (("product", "SKU-MILK"),))
    ]


COMPANY_POLICY = """
complaintkit: 1
name: cfpb
version: "1"
categories: {other: {label: {en: Other, zh: 其他}}}
severities: {minor: {label: Minor}}
priorities: {normal: {label: Normal}}
teams: {desk: {label: Desk, default_owner: chen.jing}}
classification:
  - rules: []
    default: {category: other, severity: minor, priority: normal}
routing: {rules: [], default: {team: desk, owner: chen.jing}}
incidents:
  batches:
    - {key: attributes.company, min_cases: 3, window_hours: 72}
"""


def test_report_incident_option_prints_every_case(
    cfpb: tuple[Desk, Alerts], tmp_path: Path
) -> None:
    desk, _ = cfpb
    url = f"sqlite:///{desk.storage.path}"  # type: ignore[attr-defined]
    policy = tmp_path / "policy.yaml"
    policy.write_text(COMPANY_POLICY, encoding="utf-8")
    report = build_report(open_source(desk.storage), incidents=IncidentPolicy((RULE,), ()))
    incident = max(report.batches, key=lambda i: i.count)
    cli, run = build_cli(local_plugins()), CliRunner()
    base = ["--db", url, "--policy", str(policy), "report"]
    assert incident.id in run.invoke(cli, base).output
    shown = run.invoke(cli, [*base, "--incident", incident.id, "--json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["case_ids"] == list(incident.case_ids)
    text = run.invoke(cli, [*base, "--incident", incident.id]).output
    assert all(case_id in text for case_id in incident.case_ids)
    missing = run.invoke(cli, [*base, "--incident", "INC-0000000000"])
    assert missing.exit_code == 2
    assert "no incident" in missing.output


def test_counts_match_the_csv(cfpb: tuple[Desk, Alerts]) -> None:
    desk, _ = cfpb
    report = build_report(open_source(desk.storage))
    products = Counter(r["Product"] for r in cfpb_rows())
    assert {s.key: s.count for s in report.breakdowns["product"]} == dict(products)
    assert json.loads(json.dumps(report.to_json()))["total"] == len(cfpb_rows())


def test_imported_cases_are_counted(tmp_path: Path) -> None:
    """A case whose complaint carries a ``history`` record (a history import) is counted;
    the count is in the report's JSON and its summary row."""
    path = tmp_path / "c.db"
    clock = ManualClock(datetime(2026, 3, 2, tzinfo=UTC))
    desk = Desk(storage=f"sqlite:///{path}", clock=clock, plugins=local_plugins())
    rows = cfpb_rows()[:5]
    taken = desk.intake_many([cfpb_complaint(r, clock.now()) for r in rows])
    desk.storage.close()
    imported = [t.case.id for t in taken[:2] if not isinstance(t, Exception)]
    with sqlite3.connect(path) as db:  # as the history import stores it
        db.executemany(
            "UPDATE cases SET body = json_set(body, '$.complaints[0].history', "
            'json(\'{"status": "closed"}\')) WHERE id = ?',
            [(case_id,) for case_id in imported],
        )
    # main's Complaint does not read ``history`` yet (the history import adds it): ask the
    # SQL source directly, which never parses case bodies
    storage = SQLiteStorage(f"sqlite:///{path}")
    source = SQLiteReportSource(storage)
    assert (source.total(Scope()), source.imported(Scope())) == (5, 2)
    source.close()
    storage.close()


def test_report_shows_the_imported_count(cfpb: tuple[Desk, Alerts]) -> None:
    report = build_report(open_source(cfpb[0].storage))
    assert report.to_json()["imported"] == 0
    assert "Imported" in render_text(report).splitlines()[1].split()


def test_two_rules_on_one_dimension_flag_a_day_once(tmp_path: Path) -> None:
    """A short and a long baseline on the category both flag the surge: one row, the first
    rule's numbers."""
    start = datetime(2026, 3, 1, 12, tzinfo=UTC)
    clock = ManualClock(start)
    desk = Desk(storage="memory:", clock=clock, plugins=local_plugins())
    n = 0
    for day in range(30):
        clock.set(start + timedelta(days=day))
        for _ in range(1 if day < 29 else 12):
            n += 1
            desk.intake(
                {
                    "channel": "web",
                    "external_id": f"k{n}",
                    "received_at": clock.now().isoformat(),
                    "customer": {"id": f"c{n}"},
                    "text": "sour milk",
                }
            )
    short, long = SpikeRule(baseline_days=7, min_count=5), SpikeRule(baseline_days=28, min_count=5)
    report = build_report(open_source(desk.storage), incidents=IncidentPolicy((), (short, long)))
    assert [(s.dimension, s.day.isoformat(), s.also) for s in report.spikes] == [
        ("category", "2026-03-30", ())
    ]


@attrs.frozen
class CategoryAttributePolicy(EmptyPolicy):
    """The category is the complaint's ``cat`` attribute."""

    version: str = "test"

    def assess(self, complaint: Complaint, history: History) -> Assessment:
        category = str(complaint.attributes.get("cat", "other"))
        return Assessment(category=category, severity="normal", owner="li.na")


def test_a_surge_of_complaints_naming_no_product_is_not_put_in_another_surge() -> None:
    """Complaints naming no product cannot be selected by a scope; the day's other cases
    (a category A surge with products) say nothing about where they belong."""
    start = datetime(2026, 3, 1, 12, tzinfo=UTC)
    clock = ManualClock(start)
    desk = Desk(CategoryAttributePolicy(), storage="memory:", clock=clock, plugins=local_plugins())
    n = 0

    def arrive(category: str, product: str | None) -> None:
        nonlocal n
        n += 1
        data = {
            "channel": "web",
            "external_id": f"k{n}",
            "received_at": clock.now().isoformat(),
            "customer": {"id": f"c{n}"},
            "text": "complaint",
            "attributes": {"cat": category},
        }
        desk.intake(data if product is None else {**data, "product": product})

    for day in range(20):
        clock.set(start + timedelta(days=day))
        for _ in range(1 if day < 19 else 12):
            arrive("A", "SKU-A")
        for _ in range(1 if day < 19 else 10):
            arrive("B", None)
    rules = (SpikeRule("category", min_count=5), SpikeRule("product", min_count=5))
    report = build_report(open_source(desk.storage), incidents=IncidentPolicy((), rules))
    rows = {(s.dimension, s.key): s.also for s in report.spikes}
    assert rows[("category", "A")] == (("product", "SKU-A"),)
    assert ("product", "") not in rows[("category", "A")]

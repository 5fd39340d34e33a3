"""The manager's view: which open cases are late or due soon, and on whose desk."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy
from complaintkit.reports import build_report, open_source
from complaintkit.reports.html import render_html
from complaintkit.reports.table import render_text
from complaintkit.reports.vocabulary import Vocabulary
from complaintkit.reports.workload import due_within, open_items, workload

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

POLICY = """
complaintkit: 1
name: workload
version: "1"
categories: {product: {label: {zh: 产品, en: Product}}, service: {label: {zh: 服务, en: Service}}}
severities: {major: {label: 重要}}
priorities: {urgent: {label: 紧急}, normal: {label: 一般}}
teams:
  quality: {label: 品控部, default_owner: li.na}
  desk: {label: 客服中心, default_owner: chen.jing}
classification:
  - hit_policy: first
    rules:
      - id: food
        when: {keywords: [变质]}
        then: {category: product, severity: major, priority: urgent}
    default: {category: service, severity: major, priority: normal}
routing:
  rules:
    - {id: product, when: {field: case.category, ==: product}, then: {team: quality}}
  default: {team: desk, owner: chen.jing}
sla:
  targets:
    - when: {field: case.priority, ==: urgent}
      first_response: 2h
    - first_response: 24h
"""


def run(*args: str) -> Result:
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    return CliRunner().invoke(cli, list(args))


def complaint(n: int, text: str, at: datetime = T0) -> dict[str, object]:
    return {
        "channel": "web",
        "external_id": f"w-{n}",
        "received_at": at.isoformat(),
        "customer": {"id": f"c-{n}", "name": "王女士"},
        "subject": text,
        "text": text,
    }


@pytest.fixture(name="desk")
def desk_fixture(tmp_path: Path) -> tuple[Desk, ManualClock]:
    path = tmp_path / "workload.yaml"
    path.write_text(POLICY, encoding="utf-8")
    clock = ManualClock(T0)
    desk = Desk(load_policy(path), storage=f"sqlite:///{tmp_path / 'cases.db'}", clock=clock)
    desk.intake(complaint(1, "牛奶变质了"))  # urgent: first response due 11:00, quality
    desk.intake(complaint(2, "面包变质"))  # urgent, answered in time
    desk.intake(complaint(3, "店员态度差"))  # normal: due tomorrow 09:00, desk
    return desk, clock


def test_late_and_due_soon_follow_the_soonest_running_deadline(
    desk: tuple[Desk, ManualClock],
) -> None:
    desk_, clock = desk
    bread = desk_.find(customer_id="c-2")[0]
    desk_.respond(bread.id, "马上处理", actor="li.na")
    clock.advance(timedelta(hours=3))  # 12:00: the milk is an hour late
    now = clock.now()
    items = open_items(desk_.find(open_only=True), now)
    late = [i for i in items if i.late]
    assert [(i.owner, i.metric, i.late_by) for i in late] == [
        ("li.na", "first_response", timedelta(hours=1))
    ]
    soon = due_within(items, now, timedelta(hours=24))
    assert [(i.owner, i.due_at) for i in soon] == [("chen.jing", T0 + timedelta(hours=24))]
    assert due_within(items, now, timedelta(hours=2)) == []


def test_workload_counts_per_owner_and_team(desk: tuple[Desk, ManualClock]) -> None:
    desk_, clock = desk
    clock.advance(timedelta(hours=3))
    items = open_items(desk_.find(open_only=True), clock.now())
    by_owner = {
        w.name: (w.open, w.late, w.due_soon)
        for w in workload(items, "owner", clock.now(), timedelta(days=1))
    }
    assert by_owner == {"li.na": (2, 2, 0), "chen.jing": (1, 0, 1)}
    by_team = workload(items, "team", clock.now(), timedelta(days=1))
    assert [(w.name, w.late) for w in by_team] == [("quality", 2), ("desk", 0)]


def test_closed_cases_and_stopped_clocks_are_never_late(desk: tuple[Desk, ManualClock]) -> None:
    desk_, clock = desk
    for case in desk_.find(open_only=True):
        desk_.transition(case.id, "withdrawn", actor="li.na", reason="客户撤回")
    clock.advance(timedelta(days=3))
    assert open_items(desk_.find(), clock.now()) == []


def test_report_has_open_and_late_sections(desk: tuple[Desk, ManualClock]) -> None:
    desk_, clock = desk
    clock.advance(timedelta(hours=3))
    report = build_report(open_source(desk_.storage), now=clock.now())
    assert [(w.name, w.late) for w in report.workload["owner"]] == [("li.na", 2), ("chen.jing", 0)]
    assert [i.owner for i in report.late] == ["li.na", "li.na"]
    data = report.to_json()
    assert data["late"][0]["late_by_hours"] == 1.0
    assert data["workload"]["team"][0] == {"name": "quality", "open": 2, "late": 2, "due_soon": 0}


def test_cli_lists_overdue_and_groups_by_owner(
    desk: tuple[Desk, ManualClock], tmp_path: Path
) -> None:
    """The CLI runs on the system clock: complaints received in 2026-11 are long overdue."""
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    overdue = run(*["--db", db, "cases", "list", "--overdue", "--json"])
    assert overdue.exit_code == 0, overdue.output
    assert {item["owner"] for item in json.loads(overdue.output)} == {"li.na", "chen.jing"}
    grouped = run(*["--db", db, "cases", "list", "--by", "owner"])
    assert grouped.exit_code == 0, grouped.output
    assert grouped.output.splitlines()[1].split() == ["li.na", "2", "2", "0"]
    bad = run(*["--db", db, "cases", "list", "--due-within", "2 business hours"])
    assert bad.exit_code == 2
    assert "calendar time" in bad.output


def test_demo_report_shows_compensation_and_who_is_late(tmp_path: Path) -> None:
    demo = run(*["demo", "--out", str(tmp_path / "demo")])
    assert demo.exit_code == 0, demo.output
    db = f"sqlite:///{tmp_path / 'demo' / 'demo.db'}"
    result = run(*["--db", db, "report", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["compensation_totals"] == {"CNY": {"remedies": 3, "given": "1012.80"}}
    owners = {row["name"] for row in report["workload"]["owner"]}
    assert {"li.na", "wang.fang"} <= owners
    text = run(*["--db", db, "report"]).output
    assert "All remedies       CNY       3      1012.80" in text
    assert "== Open and late by owner" in text


def test_teams_read_with_the_policys_labels(desk: tuple[Desk, ManualClock]) -> None:
    desk_, clock = desk
    clock.advance(timedelta(hours=3))
    report = build_report(
        open_source(desk_.storage), now=clock.now(), vocabulary=Vocabulary.of(desk_.policy)
    )
    text = render_text(report, "zh")
    team_rows = text.split("== 按团队:未结与逾期")[1].split("==")[0]
    assert "品控部" in team_rows
    assert "quality" not in team_rows


def test_the_product_chart_draws_only_named_products(
    desk: tuple[Desk, ManualClock], tmp_path: Path
) -> None:
    """Complaints naming no product are counted in the title, not drawn as the top bar."""
    desk_, _ = desk  # three complaints, none naming a product
    desk_.intake({**complaint(7, "牛奶变质了"), "product": "SKU-MILK-1L"})
    page = render_html(build_report(open_source(desk_.storage)), "en")
    chart = next(svg for svg in re.findall(r"<svg.*?</svg>", page, re.S) if "Product" in svg)
    assert "(3 complaints name no product)" in chart
    assert "SKU-MILK-1L" in chart
    assert ">none<" not in chart


def test_cli_overdue_list_shows_a_typed_team_as_escapes(
    desk: tuple[Desk, ManualClock], tmp_path: Path
) -> None:
    """A team another system recorded (a history import keeps it; ``assign`` refuses one
    with a control character) reaches the operator's terminal escaped, as owners and
    subjects do."""
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    desk_, _ = desk
    imported = {
        **complaint(4, "牛奶变质了"),
        "history": {"owner": "li.na", "team": "qa\x1b]0;owned\x07"},
    }
    desk_.intake(imported)
    overdue = run(*["--db", db, "cases", "list", "--overdue"])
    assert overdue.exit_code == 0, overdue.output
    assert "\x1b" not in overdue.output
    assert "qa\\x1b]0;owned\\x07" in overdue.output


def test_status_narrows_the_late_list_and_the_totals_too(
    desk: tuple[Desk, ManualClock], tmp_path: Path
) -> None:
    """`cases list --overdue --status acknowledged` listed the late cases in every status:
    --status was read by the plain list only, and --customer and --owner by both."""
    desk_, _ = desk
    desk_.respond(desk_.find(customer_id="c-2")[0].id, "马上处理", actor="li.na")
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    received = run(*["--db", db, "cases", "list", "--overdue", "--status", "received", "--json"])
    assert received.exit_code == 0, received.output
    assert len(json.loads(received.output)) == 2
    for args in (("--overdue",), ("--due-within", "1000 days")):
        result = run(*["--db", db, "cases", "list", *args, "--status", "acknowledged", "--json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.output) == [], args
    totals = run(*["--db", db, "cases", "list", "--by", "owner", "--status", "acknowledged"])
    assert totals.exit_code == 0, totals.output
    assert [line.split() for line in totals.output.splitlines()[1:]] == [["li.na", "1", "0", "0"]]


def test_a_filter_that_matches_nothing_does_not_say_the_store_is_empty(
    desk: tuple[Desk, ManualClock], tmp_path: Path
) -> None:
    """`cases list --owner nobody` on a store of three cases told the user to take some in."""
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    result = run(*["--db", db, "cases", "list", "--owner", "nobody"])
    assert result.exit_code == 0, result.output
    assert "intake" not in result.output
    assert "--owner" in result.output
    empty_db = f"sqlite:///{tmp_path / 'empty.db'}"
    Desk(storage=empty_db).storage.close()
    empty = run(*["--db", empty_db, "cases", "list"])
    assert "complaintkit intake" in empty.output


def test_totals_by_owner_with_nothing_open_say_so(
    desk: tuple[Desk, ManualClock], tmp_path: Path
) -> None:
    """They printed the header line alone, which reads as a listing that failed."""
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    result = run(*["--db", db, "cases", "list", "--by", "owner", "--owner", "nobody"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "No open case matches."
    as_json = run(*["--db", db, "cases", "list", "--by", "owner", "--owner", "nobody", "--json"])
    assert json.loads(as_json.output) == []

"""The tick's report counts the cases its re-plan brought up to date: what a re-plan fires
(escalations, warnings, breaches) is counted in the report, so the cases it fired on are
too, or a report reads ``0 due case(s), 2 escalation(s)``."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from click.testing import CliRunner
from sla_helpers import START, complaint, make_desk
from test_replan_superseded_saves import document, replanned

from complaintkit.cli import build_cli

H = timedelta(hours=1)


def test_the_report_counts_the_cases_a_replan_brought_up_to_date(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/c.db"
    one, _ = make_desk(document(None), storage=url, version="1")
    for n in range(3):
        one.intake(complaint(n))
    one.tick()
    two, clock = make_desk(document(2 / 48), storage=url, version="2")
    clock.set(START + 3 * H)
    report = two.tick()
    assert (report.cases, report.replanned, report.escalations) == (0, 3, 3)
    assert report.to_json()["replanned"] == 3
    assert two.tick().replanned == 0


def test_the_report_counts_the_cases_a_superseded_version_saved(tmp_path: Path) -> None:
    one, two = replanned(f"sqlite:///{tmp_path}/c.db")
    for n in range(1, 3):
        one.intake(complaint(n, at=START + 1 * H))
    two.clock.set(START + 90 * timedelta(minutes=1))  # type: ignore[attr-defined]
    assert two.tick().replanned == 2


POLICY = """
complaintkit: 1
name: shop
version: "VERSION"
categories: {other: {label: Other}}
severities: {minor: {label: Minor}}
priorities: {normal: {label: Normal}}
classification: {rules: [], default: {category: other, severity: minor, priority: normal}}
routing: {rules: [], default: {owner: chen.jing}}
sla:
  warnings: []
  targets: [{resolution: 48h}]
escalation:
  ladders:
    - name: std
      levels:
        - {name: early, trigger: {sla: resolution, elapsed: 0.0625}, actions: [{add_tags: [early]}]}
"""


def test_the_tick_command_says_how_many_cases_it_re_planned(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path}/c.db"
    newer = tmp_path / "2.yaml"
    newer.write_text(POLICY.replace("VERSION", "2"), encoding="utf-8")
    desk, _ = make_desk(document(None), storage=db, version="1")
    for n in range(2):
        desk.intake(complaint(n))
    desk.tick()
    now = (START + 4 * H).isoformat()
    done = CliRunner().invoke(
        build_cli(), ["--db", db, "--policy", str(newer), "tick", "--now", now]
    )
    assert done.exit_code == 0, done.output
    assert "2 re-planned" in done.output


def test_progress_hears_of_each_batch_the_replan_brought_up_to_date(tmp_path: Path) -> None:
    """``tick``'s progress bar moves while a re-plan reads thousands of open cases, not
    only once the sweep begins."""
    url = f"sqlite:///{tmp_path}/c.db"
    one, _ = make_desk(document(None), storage=url, version="1")
    for n in range(5):
        one.intake(complaint(n))
    one.tick()
    two, clock = make_desk(document(2 / 48), storage=url, version="2")
    clock.set(START + 1 * H)  # nothing is due: the re-plan moves the deadlines only
    heard: list[int] = []
    report = two.tick(batch=2, progress=heard.append)
    assert report.replanned == 5
    assert [count for count in heard if count] == [2, 2, 1]

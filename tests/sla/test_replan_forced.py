"""``complaintkit tick --replan`` (``Desk.tick(replan=True)``): an operator re-plans every
open case under the policy in force although the store records that version planned them
— a policy file edited without a new ``version``, or a rollback to a version a later one
superseded. Without it, the edit waits for each case's stored deadline."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from click.testing import CliRunner
from sla_helpers import START, complaint, make_desk
from test_new_level_before_the_stored_deadline import NEW, OLD, _document

from complaintkit.cli import build_cli
from complaintkit.storage.plan_mark import PlanMark

H = timedelta(hours=1)

POLICY = """
complaintkit: 1
name: forced
version: "1"
categories: {other: {label: Other}}
severities: {minor: {label: Minor}}
priorities: {normal: {label: Normal}}
classification:
  - rules: []
    default: {category: other, severity: minor, priority: normal}
routing: {rules: [], default: {owner: chen.jing}}
sla:
  warnings: []
  targets: [{resolution: 48h}]
escalation:
  ladders:
    - name: std
      levels:
LEVELS
"""
LEVEL = """        - name: {name}
          trigger: {{sla: resolution, elapsed: {elapsed}}}
          actions: [{{add_tags: [{name}]}}]
"""


def test_a_forced_replan_brings_an_edit_under_the_same_version_forward(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/c.db"
    old, _ = make_desk(_document(*OLD), storage=url, version="1")
    case_id = old.intake(complaint()).id
    old.tick()
    edited, clock = make_desk(_document(*NEW), storage=url, version="1")  # no new version
    clock.set(START + 3 * H)
    edited.tick()
    assert "early" not in edited.get(case_id).tags
    report = edited.tick(replan=True)
    assert report.escalations == 1
    assert "early" in edited.get(case_id).tags
    with edited.storage.hold_plan_mark() as mark:
        assert mark == PlanMark("1")
    assert edited.tick(replan=True).events == 0  # a second forced re-plan finds nothing new


def test_a_forced_replan_under_a_superseded_version_plans_under_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/c.db"
    old, _ = make_desk(_document(*OLD), storage=url, version="1")
    case_id = old.intake(complaint()).id
    new, clock = make_desk(_document(*NEW), storage=url, version="2")
    new.tick()
    with new.storage.hold_plan_mark() as mark:
        assert mark == PlanMark("2", superseded=("1",))
    back, clock = make_desk(_document(*OLD), storage=url, version="1")
    clock.set(START + 1 * H)
    back.tick(replan=True)
    assert back.get(case_id).next_deadline == START + 48 * H
    with back.storage.hold_plan_mark() as mark:
        assert mark == PlanMark("1", superseded=("2",))


def test_tick_replan_on_the_command_line(tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY.replace("LEVELS", LEVEL.format(name="late", elapsed=1.0)))
    db = f"sqlite:///{tmp_path / 'c.db'}"
    cli, runner = build_cli(), CliRunner()
    at = START.isoformat()
    intake = tmp_path / "in.jsonl"
    intake.write_text(
        '{"channel": "web", "external_id": "F-1", "customer": {"id": "A"}, '
        f'"text": "late parcel", "received_at": "{at}"}}\n'
    )
    base = ["--db", db, "--policy", str(policy)]
    assert runner.invoke(cli, [*base, "intake", str(intake)]).exit_code == 0
    assert runner.invoke(cli, [*base, "tick", "--now", at]).exit_code == 0
    levels = LEVEL.format(name="early", elapsed=0.0625) + LEVEL.format(name="late", elapsed=1.0)
    policy.write_text(POLICY.replace("LEVELS", levels))  # edited, the version kept
    later = (START + 4 * H).isoformat()
    plain = runner.invoke(cli, [*base, "tick", "--now", later])
    assert plain.exit_code == 0, plain.output
    assert "0 escalation(s)" in plain.output
    forced = runner.invoke(cli, [*base, "tick", "--now", later, "--replan"])
    assert forced.exit_code == 0, forced.output
    assert "1 escalation(s)" in forced.output
    looped = runner.invoke(cli, [*base, "tick", "--replan", "--loop", "--count", "1"])
    assert looped.exit_code == 2
    assert "--replan" in looped.output


def test_a_forced_replan_of_a_store_with_no_record_supersedes_the_versions_of_its_cases(
    tmp_path: Path,
) -> None:
    """A store with no record yet was planned by the versions its open cases were opened
    under, forced or not: a Desk still on one of them, ticking after the forced re-plan (a
    rolling deploy), does not re-plan back."""
    url = f"sqlite:///{tmp_path}/c.db"
    old, old_clock = make_desk(_document(*OLD), storage=url, version="1")
    case_id = old.intake(complaint()).id  # taken in, never ticked: no record
    new, clock = make_desk(_document(*NEW), storage=url, version="2")
    clock.set(START + 1 * H)
    new.tick(replan=True)
    assert new.get(case_id).next_deadline == START + 2 * H
    old_clock.set(START + 1 * H)
    assert old.tick().events == 0
    assert old.get(case_id).next_deadline == START + 2 * H
    with new.storage.hold_plan_mark() as mark:
        assert mark == PlanMark("2", superseded=("1",))

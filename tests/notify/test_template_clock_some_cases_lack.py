"""A template naming a clock only some targets set (``{case.due.on_site}``), sent to cases
that may have no such clock, is a warning at the rule: those letters would read
"在前上门" with the date left out."""

from __future__ import annotations

from pathlib import Path

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"

SLA = """sla:
  metrics:
    on_site: {start: [opened], stop: [site_visit]}
  targets:
    - when: {field: case.category, ==: product}
      on_site: 24h
    - first_response: 24h
      resolution: 5 days
templates:
  ack:
    zh: {subject: "已受理 {case.id}", body: "我们将在 {case.due.on_site} 前上门"}
  reply:
    zh: {subject: "已受理 {case.id}", body: "{case.resolution_due} 前答复"}
notifications:
  notifiers: {log: {type: log}}
  rules:
"""


def _warnings(tmp_path: Path, rules: str) -> list[Problem]:
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: 1\nextends: {BASE}\n{SLA}{rules}", "utf-8")
    problems = check_policy(path)
    assert not [p for p in problems if p.severity == "error"], problems
    return [p for p in problems if p.code == "clock-not-set"]


def test_a_template_sent_to_every_case_names_a_clock_some_cases_lack(tmp_path: Path) -> None:
    [warning] = _warnings(
        tmp_path, '    - {"on": opened, notify: [customer], via: log, template: ack}\n'
    )
    assert warning.severity == "warning"
    assert warning.location.path == "notifications.rules[0].template"
    assert warning.location.line == 19
    assert "{case.due.on_site}" in warning.message
    assert "sla.targets[0]" in warning.message
    assert "when" in warning.hint


def test_a_rule_with_the_targets_when_is_fine(tmp_path: Path) -> None:
    rules = (
        '    - {"on": opened, notify: [customer], via: log, template: ack,\n'
        "       when: {field: case.category, ==: product}}\n"
        '    - {"on": opened, notify: [customer], via: log, template: ack,\n'
        "       when: {all: [{field: case.category, ==: product}, {field: case.priority, ==: high}]}}\n"
    )
    assert _warnings(tmp_path, rules) == []


def test_a_clock_every_case_has_is_fine(tmp_path: Path) -> None:
    rules = '    - {"on": opened, notify: [customer], via: log, template: reply}\n'
    assert _warnings(tmp_path, rules) == []


def test_a_clock_no_target_sets_is_named_so(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    text = SLA.replace("      on_site: 24h\n", "      acceptance: 24h\n").replace(
        "    on_site: {start: [opened], stop: [site_visit]}\n",
        "    on_site: {start: [opened], stop: [site_visit]}\n"
        "    acceptance: {start: [opened], stop: [resolved]}\n",
    )
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\n{text}"
        '    - {"on": opened, notify: [customer], via: log, template: ack}\n',
        "utf-8",
    )
    [warning] = [p for p in check_policy(path) if p.code == "clock-not-set"]
    assert "no target sets on_site" in warning.message

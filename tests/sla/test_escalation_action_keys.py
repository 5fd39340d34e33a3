"""A key an escalation action does not read (``reassign: {owner: wang.fang, tem: vip}``,
``notify: {…, vias: log}``) is an error at the key, with the key meant: left silently, the
reassignment kept the case's team and the notice went through the first notifier."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).resolve().parents[2] / "docs" / "policy" / "base.yaml"
HEAD = f"""\
complaintkit: 1
extends: {BASE}
templates:
  t: {{en: {{subject: Escalated, body: Escalated.}}}}
notifications:
  notifiers: {{log: {{type: log}}}}
sla:
  targets:
    - first_response: 2h
escalation:
  ladders:
    - name: s
      levels:
        - name: a
          trigger: {{sla: first_response, elapsed: 1.0}}
          actions:
"""


@pytest.mark.parametrize(
    ("action", "key", "meant"),
    [
        ("{reassign: {owner: chen.jing, tem: quality}}", "reassign.tem", "team"),
        ("{notify: {template: t, role: owner, vias: log}}", "notify.vias", "via"),
        ("{notify: {template: t, role: owner, tempalte: t}}", "notify.tempalte", "template"),
        ("{require_approval: {role: manager, persn: li.na}}", "require_approval.persn", "person"),
    ],
)
def test_an_unknown_key_of_an_action_is_an_error_naming_the_key_meant(
    tmp_path: Path, action: str, key: str, meant: str
) -> None:
    policy = tmp_path / "shop.yaml"
    policy.write_text(f"{HEAD}            - {action}\n", "utf-8")
    (problem,) = [p for p in check_policy(policy) if p.severity == "error"]
    assert problem.location.path == f"escalation.ladders[0].levels[0].actions[0].{key}"
    assert problem.location.line == 17
    assert f"did you mean {meant!r}?" in problem.hint


@pytest.mark.parametrize(
    "action",
    [
        "{reassign: {owner: chen.jing, team: desk}}",
        "{notify: {template: t, role: owner, via: log}}",
        "{require_approval: {role: manager}}",
        "{require_approval: {person: li.na}}",
    ],
)
def test_the_keys_an_action_reads_are_taken(tmp_path: Path, action: str) -> None:
    policy = tmp_path / "shop.yaml"
    policy.write_text(f"{HEAD}            - {action}\n", "utf-8")
    assert [p for p in check_policy(policy) if p.severity == "error"] == []


@pytest.mark.parametrize(
    ("action", "kind"),
    [
        ('{require_approval: {role: "  "}}', "require_approval"),
        ('{require_approval: {person: ""}}', "require_approval"),
        ('{notify: {template: t, role: ""}}', "notify"),
    ],
)
def test_a_blank_role_or_person_names_nobody_and_is_an_error(
    tmp_path: Path, action: str, kind: str
) -> None:
    # validated, and the level asked an approval or a notice of nobody
    policy = tmp_path / "shop.yaml"
    policy.write_text(f"{HEAD}            - {action}\n", "utf-8")
    (problem,) = [p for p in check_policy(policy) if p.severity == "error"]
    assert problem.location.path == f"escalation.ladders[0].levels[0].actions[0].{kind}"
    assert "name a role or a person" in problem.message

"""Slips in an escalation ladder that an author playing a Chinese SOP made: a trigger
mixing two forms (``after`` beside ``sla``/``elapsed`` was ignored, so the level fired at
the deadline, not 2h after it), a notify with no template ("template None is not
defined"), a priority named by its label (紧急) and a role written bare. Each is named
where it is written with what to write."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

POLICY = """\
complaintkit: 1
name: shop
version: "1"
categories: {service: {label: 服务}}
severities: {minor: {label: 一般}}
priorities: {normal: {label: 普通}, urgent: {label: 紧急}}
teams: {desk: {label: 客服组, default_owner: xiaowang}}
classification: {rules: [], default: {category: service, severity: minor, priority: normal}}
routing: {rules: [], default: {team: desk}}
calendars:
  office: {timezone: Asia/Shanghai, hours: {mon-fri: ["09:00-18:00"]}}
sla:
  calendar: office
  targets:
    - {first_response: 24h, resolution: 5 business days}
templates:
  late: {zh: {subject: 超时, body: "{case.id} 超时"}}
notifications:
  notifiers: {log: {type: log}}
escalation:
  ladders:
    - name: standard
      levels:
        - name: late
          trigger: TRIGGER
          actions: [ACTION]
"""


def problems(tmp_path: Path, trigger: str, action: str) -> dict[str, Problem]:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY.replace("TRIGGER", trigger).replace("ACTION", action), encoding="utf-8")
    return {p.location.path: p for p in check_policy(path) if p.severity == "error"}


LEVEL = "escalation.ladders[0].levels[0]"


@pytest.mark.parametrize(
    ("trigger", "key"),
    [
        ("{sla: resolution, elapsed: 1.0, after: 2h}", "after"),
        ("{sla: resolution, elapsed: 1.0, calendar: office}", "calendar"),
        ("{since: responded, after: 3h, elapsed: 0.5}", "elapsed"),
        ("{since: responded, after: 3h, sla: resolution}", "sla"),
    ],
)
def test_a_key_of_another_trigger_form_is_an_error_at_it(
    tmp_path: Path, trigger: str, key: str
) -> None:
    found = problems(tmp_path, trigger, "{add_tags: [late]}")
    problem = found[f"{LEVEL}.trigger.{key}"]
    assert repr(key) in problem.message
    assert "{sla, elapsed}" in problem.hint
    assert "{since, after" in problem.hint


def test_a_trigger_of_one_form_is_accepted(tmp_path: Path) -> None:
    for trigger in (
        "{sla: resolution, elapsed: 1.0}",
        "{since: responded, after: 3h, calendar: office}",
    ):
        assert not [k for k in problems(tmp_path, trigger, "{add_tags: [x]}") if "trigger" in k]


def test_notify_without_a_template_says_to_name_one(tmp_path: Path) -> None:
    found = problems(tmp_path, "{sla: resolution, elapsed: 1.0}", "{notify: {role: manager}}")
    problem = found[f"{LEVEL}.actions[0].notify"]
    assert "None" not in problem.message
    assert "template: late" in problem.hint


def test_a_priority_named_by_its_label_says_which_id(tmp_path: Path) -> None:
    found = problems(tmp_path, "{sla: resolution, elapsed: 1.0}", "{raise_priority: 紧急}")
    problem = found[f"{LEVEL}.actions[0].raise_priority"]
    assert "write raise_priority: urgent" in problem.hint


@pytest.mark.parametrize("kind", ["require_approval", "notify"])
def test_a_role_written_bare_says_to_write_the_mapping(tmp_path: Path, kind: str) -> None:
    found = problems(tmp_path, "{sla: resolution, elapsed: 1.0}", f"{{{kind}: manager}}")
    problem = found[f"{LEVEL}.actions[0].{kind}"]
    assert f"write {kind}: {{role: manager}}" in problem.hint

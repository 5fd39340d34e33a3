"""A rule row or default naming a category, severity, priority or team by its label
(``category: 产品``, ``team: 品控部``), as a Chinese SOP names them, was told only the ids
the policy declares; a condition comparing ``case.category`` with ``产品`` was told which
id carries that label. Every place that names an id now says so, and a label names no
ghost error about the routing default's owner in the policy it extends."""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"

POLICY = f"""complaintkit: 1
extends: {BASE}
classification:
  rules:
    - id: spoiled
      when: {{keywords: [变质]}}
      then: {{category: 产品, severity: 严重, priority: 紧急}}
  default: {{category: 其他, severity: 一般, priority: 一般}}
routing:
  rules:
    - id: quality
      when: {{field: case.category, ==: product}}
      then: {{team: 品控部}}
  default: {{team: 客服中心}}
escalation:
  ladders:
    - name: slow
      levels:
        - name: l1
          trigger: {{since: received, after: 4h}}
          actions: [{{reassign: {{owner: ops.kim, team: 配送部}}}}]
"""


def _hints(tmp_path: Path) -> dict[str, str]:
    path = tmp_path / "p.yaml"
    path.write_text(POLICY, "utf-8")
    return {p.location.path: p.hint for p in check_policy(path)}


def test_an_output_naming_a_label_says_the_id_to_write(tmp_path: Path) -> None:
    hints = _hints(tmp_path)
    assert (
        "'产品' is the label of 'product': write category: product"
        in (hints["classification.rules[0].then.category"])
    )
    assert "write severity: critical" in hints["classification.rules[0].then.severity"]
    assert "write priority: urgent" in hints["classification.rules[0].then.priority"]
    assert "write category: other" in hints["classification.default.category"]
    assert "write team: quality" in hints["routing.rules[0].then.team"]
    assert "write team: desk" in hints["routing.default.team"]


def test_a_reassignment_naming_a_label_says_the_id_to_write(tmp_path: Path) -> None:
    hints = _hints(tmp_path)
    assert (
        "write team: logistics" in hints["escalation.ladders[0].levels[0].actions[0].reassign.team"]
    )


def test_an_unknown_default_team_is_not_also_a_team_without_a_default_owner(
    tmp_path: Path,
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(POLICY, "utf-8")
    problems = check_policy(path)
    assert [p for p in problems if p.code == "missing-owner"] == []

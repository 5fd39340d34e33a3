"""``!=`` written unquoted is read by YAML as a tag: ``{field: x, !=: b}`` was answered
"the YAML tag !=: is not allowed in policies ... remove it", and the same key on a line of
its own "malformed YAML: could not find expected ':'" a line below. Both now name the
operator and say to quote it, at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

_HEAD = """complaintkit: 1
categories: {a: {label: A}}
severities: {n: {label: N}}
priorities: {n: {label: N}}
teams: {d: {label: D, default_owner: x}}
routing: {rules: [], default: {team: d}}
classification:
  default: {category: a, severity: n, priority: n}
  rules:
    - id: r
      then: {category: a}
"""


@pytest.mark.parametrize(
    "when",
    [
        "      when: {field: customer.tier, !=: vip}\n",
        "      when:\n        field: customer.tier\n        !=: vip\n",
    ],
)
def test_an_unquoted_not_equal_is_named_as_the_operator(tmp_path: Path, when: str) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(_HEAD + when, encoding="utf-8")
    [problem] = check_policy(path)
    assert "'!='" in problem.message
    assert "operator" in problem.message
    assert '"!="' in problem.hint
    assert problem.location.line == (12 if "{" in when else 14)


def test_a_quoted_not_equal_is_the_operator(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(_HEAD + '      when: {field: customer.tier, "!=": vip}\n', encoding="utf-8")
    assert check_policy(path) == []

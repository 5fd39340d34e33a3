"""A value the reader refused (an unquoted ``012345``, ``9:30``, a tag) in a policy that
extends another is reported once, at the path of the merged policy: the rows a child adds
follow its parent's, so the child's ``rules[0]`` is the policy's ``rules[1]``. The reader
named the file's own path, which the section checks did not recognise as refused, so each
also reported the value it left out: ``expects text, a number or true/false (got null)``."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = """complaintkit: 1
name: base
categories: {product: {label: Product}, other: {label: Other}}
severities: {minor: {label: Minor}}
priorities: {normal: {label: Normal}}
teams: {desk: {label: Desk, default_owner: chen.jing}}
classification:
  rules:
    - id: spoiled
      when: {keywords: [变质]}
      then: {category: product}
  default: {category: other, severity: minor, priority: normal}
routing: {rules: [], default: {team: desk}}
"""


@pytest.mark.parametrize(
    ("condition", "said"),
    [
        ("{field: complaint.order_id, ==: 012345}", "as the number 5349"),
        ("{field: complaint.attributes.opens, in: [9:30, '10:00']}", "as the number 570"),
        ("{field: complaint.attributes.code, '>': 0x1F}", "as the number 31"),
        ("{field: complaint.amount, '>': 100.000000000000001}", "as the number 100.0"),
        ("{field: complaint.order_id, ==: !!python/object x}", "!!python/object"),
    ],
)
def test_a_value_refused_in_an_added_row_is_reported_once_at_the_merged_path(
    tmp_path: Path, condition: str, said: str
) -> None:
    (tmp_path / "base.yaml").write_text(BASE, "utf-8")
    shop = tmp_path / "shop.yaml"
    shop.write_text(
        "complaintkit: 1\nextends: ./base.yaml\nclassification:\n  rules:\n"
        f"    - id: added\n      when: {condition}\n      then: {{category: product}}\n",
        "utf-8",
    )
    (problem,) = check_policy(shop)
    assert said in problem.message
    assert problem.location.file == str(shop)
    assert problem.location.line == 6
    assert problem.location.path.startswith("classification.rules[1].when.")

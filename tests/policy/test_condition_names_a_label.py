"""A condition comparing a case id with the label the SOP uses (``case.category ==
产品缺陷`` where 产品缺陷 is the label of ``defect``) says which id to write, as an
escalation action naming a label already does.

Found writing a policy from seed 001: routing's ``when: {field: case.category, ==: 产品缺陷}``
was answered only 'use one of defect, service, billing, suggestion'.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

HEAD = """\
complaintkit: 1
name: app
version: "1"
categories: {defect: {label: {zh: 产品缺陷, en: Defect}}, other: {label: 其他}}
severities: {minor: {label: 一般}}
priorities: {normal: {label: 普通}}
teams: {tech: {label: 技术组, default_owner: lao.li}, desk: {label: 客服组, default_owner: xiao.wang}}
classification: {rules: [], default: {category: other, severity: minor, priority: normal}}
"""


@pytest.mark.parametrize(
    ("condition", "path", "hint"),
    [
        ("{field: case.category, ==: 产品缺陷}", "routing.rules[0].when.==", "write defect"),
        (
            "{field: case.category, in: [其他, 产品缺陷]}",
            "routing.rules[0].when.in[0]",
            "write other",
        ),
        ("{field: case.category, ==: Defect}", "routing.rules[0].when.==", "write defect"),
    ],
)
def test_a_label_in_a_condition_says_the_id(
    tmp_path: Path, condition: str, path: str, hint: str
) -> None:
    file = tmp_path / "p.yaml"
    file.write_text(
        HEAD + f"routing:\n  rules:\n    - {{id: r, when: {condition}, then: {{team: tech}}}}\n"
        "  default: {team: desk}\n",
        "utf-8",
    )
    found = {p.location.path: p.hint for p in check_policy(file) if p.severity == "error"}
    assert found[path].startswith(hint), found

"""A condition written with the words a Chinese SOP uses — ``关键词:`` for keywords,
``字段:`` beside them for fields, ``全部:`` for all, an operator ``等于`` or ``大于`` — was
refused listing every form or operator, without the one meant; each now leads with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize(
    ("when", "meant"),
    [
        ("{关键词: [坏]}", "did you mean 'keywords'?"),
        ("{全部: [{keywords: [坏]}]}", "did you mean 'all'?"),
        ("{任一: [{keywords: [坏]}]}", "did you mean 'any'?"),
        ("{keywords: [坏], 字段: [complaint.text]}", "did you mean 'fields'?"),
        ("{field: customer.tier, 等于: vip}", "write '=='"),
        ("{field: complaint.amount, 大于等于: 100}", "write '>='"),
        ("{field: customer.tier, 属于: [vip]}", "write 'in'"),
        ("{field: complaint.text, 包含: 坏}", "write 'contains'"),
    ],
)
def test_a_condition_word_in_chinese_names_the_one_meant(
    tmp_path: Path, when: str, meant: str
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nclassification:\n  rules:\n"
        f"    - id: x\n      when: {when}\n      then: {{category: product}}\n",
        "utf-8",
    )
    (problem,) = check_policy(path)
    assert problem.hint.startswith(meant), problem.hint

"""A section named in Chinese, as the SOP names it, is told the key to write.

Found checking policy authoring: ``分类:`` and ``名称:`` at the top of a policy got the 21
allowed keys and no word of which one the author meant, where ``catgories:`` gets "did you
mean 'categories'?".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("分类", "classification"),
        ("名称", "name"),
        ("路由", "routing"),
        ("优先级", "priorities"),
        ("严重程度", "severities"),
        ("赔偿", "compensation"),
        ("通知", "notifications"),
    ],
)
def test_a_section_named_in_chinese_is_told_its_key(tmp_path: Path, written: str, key: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: 1\nextends: {BASE}\n{written}: {{}}\n", "utf-8")
    (problem,) = [p for p in check_policy(path) if p.location.path == written]
    assert problem.hint.startswith(f"did you mean {key!r}?")

"""A key typed in full-width mode (name in full-width letters), in another case beside
the real one (``NAME:`` under ``name:``), or named as a Chinese SOP names it below the top level
(``规则:``, ``条件:``) or in traditional characters (``分類:``) was refused with the keys
allowed there but without the one meant; each now leads with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parent / "mistakes" / "base.yaml"


def _hints(tmp_path: Path, old: str, new: str) -> list[tuple[str, str]]:
    text = BASE.read_text("utf-8")
    assert old in text
    path = tmp_path / "p.yaml"
    path.write_text(text.replace(old, new, 1), "utf-8")
    return [
        (p.location.path, p.hint)
        for p in check_policy(path)
        if p.code == "schema.additionalProperties"
    ]


@pytest.mark.parametrize(
    ("old", "new", "path", "meant"),
    [
        ("name: base", "\uff4e\uff41\uff4d\uff45: base", "\uff4e\uff41\uff4d\uff45", "name"),
        ("name: base", "name: base\nNAME: again", "NAME", "name"),
        ("categories:", "Categories:", "Categories", "categories"),
        ("classification:", "分類:", "分類", "classification"),
        ("routing: {rules: []", "routing: {规则: []", "routing.规则", "rules"),
        ("when: {keywords", "条件: {keywords", "classification.rules[0].条件", "when"),
        ("then: {category", "结果: {category", "classification.rules[0].结果", "then"),
        ("  default: {category", "  默认: {category", "classification.默认", "default"),
        ("label: Product", "标签: Product", "categories.product.标签", "label"),
    ],
)
def test_a_key_in_another_form_is_offered_the_key_meant(
    tmp_path: Path, old: str, new: str, path: str, meant: str
) -> None:
    hints = dict(_hints(tmp_path, old, new))
    assert hints[path].startswith(f"did you mean {meant!r}?")

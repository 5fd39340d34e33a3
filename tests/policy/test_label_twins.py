"""Two entries of one vocabulary with the same label (a line copied and its id changed,
its label not): ``goods: {label: {zh: 产品}}`` beside ``product: {label: {zh: 产品}}``.

Reports, letters (``{case.category_label}``) and the desk showed the two alike, and a
label written where an id goes (``category: 产品``, ``expect: {category: 产品}``) was told
it is the label of the first alone. It loaded without a word; it is now a warning at the
later label naming the earlier entry, the same word in traditional characters (產品) too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _twins(tmp_path: Path, vocabulary: str) -> list[Problem]:
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: 1\nextends: {BASE}\n{vocabulary}", "utf-8")
    problems = check_policy(path)
    assert not [p for p in problems if p.severity == "error"], problems
    return [p for p in problems if p.code == "duplicate-label"]


@pytest.mark.parametrize(
    ("label", "path"),
    [
        ("{zh: 产品, en: Goods}", "categories.goods.label.zh"),
        ("{zh: 產品, en: Goods}", "categories.goods.label.zh"),
        ("{zh: 货品, en: \uff30roduct}", "categories.goods.label.en"),  # a full-width P
        ("产品", "categories.goods.label"),
    ],
)
def test_a_label_another_entry_has_is_a_warning(tmp_path: Path, label: str, path: str) -> None:
    (warning,) = _twins(tmp_path, f"categories:\n  goods: {{label: {label}}}\n")
    assert warning.severity == "warning"
    assert warning.location.path == path
    assert warning.location.line == 4
    assert "'goods'" in warning.message
    assert "'product'" in warning.message


def test_labels_of_other_vocabularies_or_languages_may_be_alike(tmp_path: Path) -> None:
    vocabulary = (
        "categories:\n  goods: {label: {zh: 货品, en: 严重}}\n"  # en beside product's zh
        "priorities:\n  low: {label: {zh: 较重}}\n"  # a severity's label
        "severities:\n  trivial: {label: {en: minor}}\n"  # Minor in another case
    )
    assert _twins(tmp_path, vocabulary) == []


def test_each_label_shared_is_named_once_at_the_later_entry(tmp_path: Path) -> None:
    vocabulary = (
        "categories:\n"
        "  goods: {label: {zh: 产品, en: Goods}}\n"
        "  wares: {label: {zh: 產品, en: Product}}\n"
    )
    warned = sorted(p.location.path for p in _twins(tmp_path, vocabulary))
    assert warned == [
        "categories.goods.label.zh",
        "categories.wares.label.en",
        "categories.wares.label.zh",
    ]

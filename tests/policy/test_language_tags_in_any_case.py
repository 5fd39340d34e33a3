"""A language tag's case carries no meaning (RFC 5646): ``zh-hans`` is ``zh-Hans``, ``ZH``
is ``zh``, and a complaint's ``ZH`` finds a label written ``zh``. Yet a label keyed ``ZH``
was refused as 'not a language code', while ``zh-hans`` was taken; and a label written
for ``zh-Hans`` and again for ``zh-hans`` was valid, one of the two shown at random of
the author's intent. A tag is now read in any case, and one language labelled twice in a
mapping is an error at the second, naming the first."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy, load_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _policy(tmp_path: Path, label: str) -> Path:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    policy = tmp_path / "p.yaml"
    policy.write_text(
        f"complaintkit: 1\nextends: ./base.yaml\ncategories:\n  food: {{label: {label}}}\n",
        "utf-8",
    )
    return policy


def _errors(policy: Path) -> list[tuple[int | None, str, str, str]]:
    return [
        (p.location.line, p.location.path, p.message, p.hint)
        for p in check_policy(policy)
        if p.severity == "error"
    ]


@pytest.mark.parametrize("label", ["{ZH: 食品, EN: Food}", "{Zh-HANT: 食品, en-gb: Food}"])
def test_a_tag_in_upper_case_is_the_language_it_names(tmp_path: Path, label: str) -> None:
    policy = _policy(tmp_path, label)
    assert _errors(policy) == []
    catalog = load_policy(policy).catalog
    assert catalog is not None
    assert catalog.categories["food"].label("zh-Hant") == "食品"
    assert catalog.categories["food"].label("en") == "Food"


@pytest.mark.parametrize(
    ("label", "first", "second"),
    [
        ("{zh-Hans: 食品, zh-hans: 食物}", "zh-Hans", "zh-hans"),
        ("{zh: 食品, ZH: 食物}", "zh", "ZH"),
    ],
)
def test_one_language_labelled_twice_is_an_error_at_the_second(
    tmp_path: Path, label: str, first: str, second: str
) -> None:
    ((line, path, message, hint),) = _errors(_policy(tmp_path, label))
    assert (line, path) == (4, f"categories.food.label.{second}")
    assert f"{second!r}" in message
    assert f"{first!r}" in message
    assert "case" in message
    assert f"keep one label for {first}" in hint


def test_a_countrys_code_in_upper_case_names_the_language(tmp_path: Path) -> None:
    ((_, path, message, hint),) = _errors(_policy(tmp_path, "{CN: 食品, en: Food}"))
    assert path == "categories.food.label.CN"
    assert "country" in message
    assert "write zh" in hint

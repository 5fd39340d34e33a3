"""A misspelt key is refused (it would drop what it holds) and the key meant is offered."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "tests" / "policy" / "mistakes" / "base.yaml"


def _unknown_key_hints(tmp_path: Path, old: str, new: str) -> list[tuple[str, str]]:
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
        ("categories:", "catgory:", "catgory", "categories"),
        ("when: {keywords", "wehn: {keywords", "classification.rules[0].wehn", "when"),
        ("label: Product", "labl: Product", "categories.product.labl", "label"),
        ("default_owner: amy", "defualt_owner: amy", "teams.desk.defualt_owner", "default_owner"),
    ],
)
def test_a_misspelt_key_is_offered_the_key_meant(
    tmp_path: Path, old: str, new: str, path: str, meant: str
) -> None:
    hints = _unknown_key_hints(tmp_path, old, new)
    assert [where for where, _ in hints] == [path]
    assert hints[0][1].startswith(f"did you mean {meant!r}?")


def test_a_key_like_no_allowed_one_gets_the_list_alone(tmp_path: Path) -> None:
    ((_, hint),) = _unknown_key_hints(tmp_path, "name: base", "name: base\nintake: {}")
    assert "did you mean" not in hint
    assert hint.startswith("use one of")

"""Where a policy wants text, YAML 1.1 reads some bare words as something else: yes, no,
on and off as true and false, 2026-01-01 as a date. The error says what YAML made of the
value and how to keep it text, not how Python prints it."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "tests" / "policy" / "mistakes" / "base.yaml"


def _errors(tmp_path: Path, old: str, new: str) -> list[tuple[str, str, str]]:
    text = BASE.read_text("utf-8")
    assert old in text
    path = tmp_path / "p.yaml"
    path.write_text(text.replace(old, new, 1), "utf-8")
    return [
        (p.location.path, p.message, p.hint) for p in check_policy(path) if p.severity == "error"
    ]


@pytest.mark.parametrize(
    ("old", "new", "path", "said"),
    [
        ("name: base", "name: base\nversion: 2026-01-01", "version", "2026-01-01"),
        ("name: base", "name: base\ndescription: 2026-01-01", "description", "2026-01-01"),
        ("label: Product", "label: 2026-01-01", "categories.product.label", "2026-01-01"),
        ("label: Product", "label: 2026-01-01 10:00:00", "categories.product.label", "2026-01-01"),
        ("[broken]", "[broken, 2026-01-01]", "classification.rules[0].when.keywords[1]", "date"),
    ],
)
def test_a_date_where_text_goes_is_named_as_a_date(
    tmp_path: Path, old: str, new: str, path: str, said: str
) -> None:
    ((where, message, hint),) = _errors(tmp_path, old, new)
    assert where == path
    assert said in message
    assert "date" in message
    assert "datetime" not in message
    assert "quote" in hint


@pytest.mark.parametrize(
    ("old", "new", "path", "said"),
    [
        ("name: base", "name: yes", "name", "true"),
        ("label: Product", "label: no", "categories.product.label", "false"),
        ("label: Product", "label: {en: off}", "categories.product.label.en", "false"),
        ("[broken]", "[broken, on]", "classification.rules[0].when.keywords[1]", "true"),
    ],
)
def test_a_yes_or_no_where_text_goes_is_named_as_what_yaml_read(
    tmp_path: Path, old: str, new: str, path: str, said: str
) -> None:
    ((where, message, hint),) = _errors(tmp_path, old, new)
    assert where == path
    assert said in message
    assert "True" not in message
    assert "False" not in message
    assert "quote" in hint

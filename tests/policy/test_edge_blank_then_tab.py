"""A no-break or full-width space at the end of a one-word value, a tab after it (a quoted
value copied from a sheet: ``"li.na<U+00A0>\\t"``).

The check looking for the blank took the tab for part of the word and pointed one past the
value's end: ``validate`` and ``complaintkit test`` ended in an IndexError. The blank is
named at its place, as it is without the tab.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
BASE_TEXT = BASE.read_text("utf-8")


@pytest.mark.parametrize("blank", ["\u00a0", "\u3000", "\u202f"])
@pytest.mark.parametrize("tail", ["\\t", " \\t", "\\t ", "\\t\\t"])
def test_an_edge_blank_before_a_trailing_tab_is_named(
    tmp_path: Path, blank: str, tail: str
) -> None:
    old = "default_owner: li.na"
    assert BASE_TEXT.count(old) == 1
    escaped = f"\\u{ord(blank):04x}"
    text = BASE_TEXT.replace(old, f'default_owner: "li.na{escaped}{tail}"')
    policy = tmp_path / "p.yaml"
    policy.write_text(text, "utf-8")
    errors = [p for p in check_policy(policy) if p.severity == "error"]
    assert errors, "the blank was not named"
    assert any(p.location.path == "teams.quality.default_owner" for p in errors)


@pytest.mark.parametrize("value", ["li\\u00a0na\\t", "li\\u3000na \\t", "\\t li\\u00a0na"])
def test_a_blank_inside_a_value_with_a_tab_at_its_end_is_checked_without_a_traceback(
    tmp_path: Path, value: str
) -> None:
    old = "default_owner: li.na"
    policy = tmp_path / "p.yaml"
    policy.write_text(BASE_TEXT.replace(old, f'default_owner: "{value}"'), "utf-8")
    # a blank between letters is no mark at the value's edge (and was an IndexError)
    assert all(p.code != "invisible-character" for p in check_policy(policy))

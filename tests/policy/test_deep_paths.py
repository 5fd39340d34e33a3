"""A problem in a deeply nested policy names where it is in one readable line."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import Location, PolicyError
from complaintkit.policy.compiled import load_policy


def test_a_long_path_is_shown_by_its_ends() -> None:
    path = "x" + "[0]" * 100
    shown = str(Location("p.yaml", 1, 5, path))
    assert len(shown) < 160
    assert shown.startswith("p.yaml:1:5 (at x[0][0]")
    assert shown.endswith("[0][0])")
    assert "…" in shown


def test_a_short_path_is_shown_whole() -> None:
    path = "classification[0].rules[3].when.keywords[2]"
    assert str(Location("p.yaml", 7, 9, path)) == f"p.yaml:7:9 (at {path})"


@pytest.mark.parametrize(
    "text",
    [
        "x: " + "[" * 100 + "]" * 100 + "\n",
        "x:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 80)) + "  " * 80 + "v: 1\n",
    ],
)
def test_the_too_deep_error_fits_a_terminal_line(text: str, tmp_path: Path) -> None:
    file = tmp_path / "deep.yaml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as raised:
        load_policy(file)
    first_line = str(raised.value.problems[0]).splitlines()[0]
    assert "nests deeper than" in first_line
    assert len(first_line.replace(str(file), "deep.yaml")) < 200  # the folder is the test's

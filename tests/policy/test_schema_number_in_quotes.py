"""A number the schema wants written in quotes (``min_cases: "3"``).

Unquoted, YAML reads 3 as a number, so such text was quoted by its author; the hint was the
one for ``1e3`` (text to YAML 1.1 for want of a point): "write it out (3), or with a point
and a sign: 1.0e+3", which says nothing of the quotes. It now says to drop them, and ``1e3``
keeps its own hint.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _problem(tmp_path: Path, min_cases: str) -> tuple[str, str, str]:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nincidents:\n"
        f"  batches: [{{key: product, min_cases: {min_cases}, window_hours: 24}}]\n",
        "utf-8",
    )
    (found,) = [p for p in check_policy(path) if p.severity == "error"]
    return found.location.path, found.message, found.hint


@pytest.mark.parametrize(
    ("written", "number"), [('"3"', "3"), ("'3'", "3"), ('"12.5"', "12.5"), ('"-2"', "-2")]
)
def test_a_number_in_quotes_is_told_to_drop_them(tmp_path: Path, written: str, number: str) -> None:
    path, message, hint = _problem(tmp_path, written)
    assert path == "incidents.batches[0].min_cases"
    assert number in message
    assert hint == f"write it without quotes: min_cases: {number}"


def test_an_exponent_yaml_reads_as_text_keeps_its_hint(tmp_path: Path) -> None:
    _, message, hint = _problem(tmp_path, "1e1")
    assert message == "YAML reads 1e1 as text, not as a number"
    assert "1.0e+" in hint
    assert "quotes" not in hint

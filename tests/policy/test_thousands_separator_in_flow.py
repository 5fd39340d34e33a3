"""A number written with a thousands separator inside {…} or […]: YAML ends the entry or
the item at the ',', so ``{'>': 1,000}`` was '>' given 1 and a key 000, told only 'YAML
reads the key 000 as a number', and ``in: [1,000, 2,500]`` loaded silently as the four
amounts 1, 0, 2 and 500. Each is named at the number as a thousands separator, with the
number to write, and the policy is read on as meant."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.policy.compiled import check_policy
from complaintkit.policy.source import parse_text

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _errors(tmp_path: Path, condition: str) -> list[tuple[str, int | None, str, str, str]]:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nclassification:\n  rules:\n    - id: n\n"
        f"      when: {{{condition}}}\n"
        "      then: {category: product, severity: major, priority: high}\n",
        "utf-8",
    )
    return [
        (p.location.path, p.location.column, p.code, p.message, p.hint)
        for p in check_policy(path)
        if p.severity == "error"
    ]


@pytest.mark.parametrize(
    ("written", "meant"), [("1,000", "1000"), ("12,345,678", "12345678"), ("1,000.5", "1000.5")]
)
def test_a_thousands_separator_in_a_flow_mapping_is_named(
    tmp_path: Path, written: str, meant: str
) -> None:
    ((path, column, code, message, hint),) = _errors(
        tmp_path, f"field: complaint.amount, '>': {written}"
    )
    assert (path, column, code) == ("classification.rules[1].when.>", 44, "thousands-separator")
    assert written in message
    assert hint.startswith(f"write '>': {meant}, "), hint


@pytest.mark.parametrize(
    ("items", "meant"),
    [("[1,000, 2,500]", "[1000, 2500]"), ("[5, 1,000]", "[5, 1000]"), ("[1,000]", "[1000]")],
)
def test_a_thousands_separator_in_a_flow_list_is_named(
    tmp_path: Path, items: str, meant: str
) -> None:
    found = _errors(tmp_path, f"field: complaint.amount, in: {items}")
    assert found, "loaded silently"
    assert {code for _, _, code, _, _ in found} == {"thousands-separator"}
    assert all(meant in hint for *_, hint in found)


def test_the_number_is_read_on_as_meant() -> None:
    source = parse_text("a: {between: [1,000, 5,000]}\nb: {'>': 2,500, '<': 9}\n", "p.yaml")
    assert source.data == {"a": {"between": [1000, 5000]}, "b": {">": 2500, "<": 9}}
    assert [p.location.line for p in source.problems] == [1, 1, 2]


@pytest.mark.parametrize("items", ["[100,200,300]", "[1, 2, 3]", "[1,2,3]", "[10,500]"])
def test_a_list_of_numbers_written_without_blanks_is_as_before(tmp_path: Path, items: str) -> None:
    assert _errors(tmp_path, f"field: complaint.amount, in: {items}") == []


def test_a_long_run_of_groups_is_read_in_linear_time() -> None:
    text = "a: {'>': 1," + ",".join(["000"] * 5000) + "}\nb: [1," + ",".join(["000"] * 5000) + "]\n"
    source = parse_text(text, "p.yaml")
    assert source.data["a"][">"] == 10**18
    assert source.data["b"][:2] == [10**18, 0]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**18 - 1), min_size=2, max_size=4))
def test_any_amounts_written_with_separators_are_read_as_meant(amounts: list[int]) -> None:
    """In a list of two or more, separated by ', ' (one alone, [1,100], may be two)."""
    written = ", ".join(f"{n:,}" for n in amounts)
    source = parse_text(f"a: {{'>': {amounts[0]:,}}}\nb: [{written}]\n", "p.yaml")
    assert source.data == {"a": {">": amounts[0]}, "b": amounts}
    joined = [n for n in amounts if n >= 1000]
    assert [p.code for p in source.problems] == ["thousands-separator"] * (
        (amounts[0] >= 1000) + len(joined)
    )

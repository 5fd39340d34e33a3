"""A number with a point that a JSON or TOML policy writes is the number written, or a
located error: never silently the nearest binary float (100.000000000000001 as 100.0)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import PolicyError
from complaintkit.policy.source import parse_text

JSON = '{"complaintkit": 1,\n "compensation": {"caps": [{"limit": 100.5},\n  {"limit": DIGITS}]}}'
TOML = "complaintkit = 1\n[compensation]\ncaps = [{limit = 100.5}]\n[[compensation.rules]]\nid = 'a'\namount = {fixed = DIGITS}\n"


def problems(text: str, suffix: str) -> list[object]:
    try:
        return list(parse_text(text, f"p{suffix}", suffix).problems)
    except PolicyError as exc:
        return list(exc.problems)


@pytest.mark.parametrize(
    ("suffix", "text", "line", "column", "path"),
    [
        (".json", JSON, 3, 13, "compensation.caps[1].limit"),
        (".toml", TOML, 6, 19, "compensation.rules[0].amount.fixed"),
    ],
)
def test_a_number_no_float_holds_is_named_where_written(
    suffix: str, text: str, line: int, column: int, path: str
) -> None:
    (problem,) = problems(text.replace("DIGITS", "100.000000000000001"), suffix)
    assert problem.code == "bad-value"  # type: ignore[attr-defined]
    assert "100.000000000000001" in problem.message  # type: ignore[attr-defined]
    where = problem.location  # type: ignore[attr-defined]
    assert (where.line, where.column, where.path) == (line, column, path)


@pytest.mark.parametrize("suffix", [".json", ".toml"])
@pytest.mark.parametrize(
    "digits", ["10.1", "0.1", "99.99", "2000.10", "1.5e3", "0.30000000000000004"]
)
def test_a_number_a_float_holds_reads_as_written(suffix: str, digits: str) -> None:
    template = JSON if suffix == ".json" else TOML
    assert problems(template.replace("DIGITS", digits), suffix) == []


_NUMBERS = st.integers(1, 25).flatmap(
    lambda places: st.decimals(allow_nan=False, allow_infinity=False, places=places)
)


@given(_NUMBERS)
def test_every_json_number_is_exact_or_refused(number: Decimal) -> None:
    written = f"{number:f}"
    if "." not in written:
        written += ".0"
    source_problems = problems(JSON.replace("DIGITS", written), ".json")
    if source_problems:
        return
    data = parse_text(JSON.replace("DIGITS", written), "p.json", ".json").data
    assert Decimal(repr(data["compensation"]["caps"][1]["limit"])) == Decimal(written)

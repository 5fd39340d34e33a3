"""A formula with several independent mistakes names each of them in one run: the author
fixes them together, not one per run of ``complaintkit validate``."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.compensation.formulas import FormulaCompiler

#: a mistake in a formula's main part, and the path its error names (under ``amount``)
MAIN_MISTAKES = [
    ({"percent": "ten", "of": "price"}, "amount.percent"),
    ({"percent": -5, "of": "price"}, "amount.percent"),
    ({"multiple": 2, "of": "price tag"}, "amount.of"),
    ({"fixed": -1}, "amount.fixed"),
    ({"sum_of": []}, "amount.sum_of"),
]
BAD_BOUNDS = ["lots", -3, {"percent": "x", "of": "price"}]


def paths(compiler: FormulaCompiler) -> set[str]:
    return {problem.location.path for problem in compiler.problems}


@given(
    main=st.sampled_from(MAIN_MISTAKES),
    floor=st.none() | st.sampled_from(BAD_BOUNDS),
    cap=st.none() | st.sampled_from(BAD_BOUNDS),
)
def test_a_broken_main_part_still_has_its_floor_and_cap_checked(
    main: tuple[dict[str, object], str], floor: object, cap: object
) -> None:
    spec, main_path = main
    data = dict(spec)
    if floor is not None:
        data["floor"] = floor
    if cap is not None:
        data["cap"] = cap
    compiler = FormulaCompiler("EUR")
    assert compiler.compile(data, "amount") is None
    found = paths(compiler)
    assert main_path in found
    if floor is not None:
        assert any(p.startswith("amount.floor") for p in found), compiler.problems
    if cap is not None:
        assert any(p.startswith("amount.cap") for p in found), compiler.problems


def test_a_negative_factor_does_not_hide_a_misnamed_input() -> None:
    compiler = FormulaCompiler("EUR")
    assert compiler.compile({"percent": -5, "of": "price tag"}, "amount") is None
    assert {"amount.percent", "amount.of"} <= paths(compiler)


@pytest.mark.parametrize("kind", ["sum_of", "least_of"])
def test_each_broken_part_of_a_combination_is_named(kind: str) -> None:
    compiler = FormulaCompiler("EUR")
    assert compiler.compile({kind: ["x", -2], "cap": "y"}, "amount") is None
    assert {f"amount.{kind}[0]", f"amount.{kind}[1]", "amount.cap"} <= paths(compiler)

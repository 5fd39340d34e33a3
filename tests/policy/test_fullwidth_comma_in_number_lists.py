# ruff: noqa: RUF001, RUF002 -- the full-width comma is what is tested
"""A full-width comma between the numbers of a list (``between: [100，200]``, ``in:
[100，200]`` on the amount), as a Chinese input method types it, separates two items, as it
does between texts (``in: [金卡，银卡]``) and as ``between: [100、200]`` was told. Read as a
thousands separator, the hint was to write ``[100200]``: a policy that took it would test
amounts between a hundred thousand and more, not between 100 and 200."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


#: A parent with no compensation, so no currency: a bare number is an amount in any.
NO_CURRENCY = """complaintkit: 1
name: shop
categories: {product: {label: 产品}, other: {label: 其他}}
severities: {minor: {label: 一般}}
priorities: {normal: {label: 一般}}
classification: {rules: [], default: {category: other, severity: minor, priority: normal}}
routing: {rules: [], default: {owner: li.na}}
"""


@pytest.fixture(params=["with a currency", "without"])
def base(request: pytest.FixtureRequest) -> str:
    return BASE.read_text("utf-8") if request.param == "with a currency" else NO_CURRENCY


def _errors(tmp_path: Path, base: str, condition: str) -> list[Problem]:
    (tmp_path / "base.yaml").write_text(base, "utf-8")
    policy = tmp_path / "policy.yaml"
    policy.write_text(
        "complaintkit: 1\nextends: ./base.yaml\nclassification:\n  rules:\n"
        "    - id: spoiled\n      when: {keywords: [x]}\n      then: {category: product}\n"
        "    - id: amount\n"
        f"      when: {condition}\n"
        "      then: {category: product}\n",
        "utf-8",
    )
    return [p for p in check_policy(policy) if p.severity == "error"]


@pytest.mark.parametrize(
    "condition",
    [
        "{field: complaint.amount, between: [100，200]}",
        "{field: complaint.amount, between: [１００，２００]}",
        "{field: complaint.amount, in: [100，200]}",
        "{field: complaint.amount, not in: [100，200]}",
    ],
)
def test_a_full_width_comma_in_a_list_of_numbers_separates_them(
    tmp_path: Path, base: str, condition: str
) -> None:
    errors = _errors(tmp_path, base, condition)
    assert errors
    said = " ".join(f"{p.message} {p.hint}" for p in errors)
    assert "100200" not in said
    assert "100, 200" in said
    assert all(p.location.line == 9 for p in errors)


def test_a_full_width_thousands_separator_outside_a_list_is_still_one(
    tmp_path: Path, base: str
) -> None:
    (error,) = _errors(tmp_path, base, '{field: complaint.amount, ">=": "1，000"}')
    assert "1000" in (error.hint or "")


@pytest.mark.parametrize("operator", ["between", "in"])
def test_in_a_list_ascii_commas_separate_a_full_width_comma_is_thousands(
    tmp_path: Path, base: str, operator: str
) -> None:
    (error,) = _errors(tmp_path, base, f"{{field: complaint.amount, {operator}: [1，000, 2，000]}}")
    assert "[1000, 2000]" in (error.hint or "")

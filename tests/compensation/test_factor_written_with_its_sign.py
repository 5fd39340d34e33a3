# ruff: noqa: RUF001 -- full-width text is what the author typed, on purpose
"""A percent or multiple written as people say it (``10%``, ``3倍``) is answered with the
number to write, not with the hint for an amount of money."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _errors(tmp_path: Path, remedy: str) -> list[Problem]:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\ncompensation:\n  currency: CNY\n  rules: []\n"
        f"  default:\n    remedies:\n      - {remedy}\n",
        "utf-8",
    )
    return [p for p in check_policy(path) if p.severity == "error"]


@pytest.mark.parametrize(
    ("remedy", "path", "write"),
    [
        ("{kind: voucher, amount: {percent: 10%, of: price}}", "amount.percent", "percent: 10"),
        (
            "{kind: voucher, amount: {percent: 12.5％, of: price}}",
            "amount.percent",
            "percent: 12.5",
        ),
        (
            '{kind: voucher, amount: {percent: "百分之十", of: price}}',
            "amount.percent",
            "percent: 30",
        ),
        ("{kind: refund, percent: 50%}", "percent", "percent: 50"),
        (
            "{kind: statutory_damages, amount: {multiple: 3倍, of: price}}",
            "amount.multiple",
            "multiple: 3",
        ),
        (
            "{kind: statutory_damages, amount: {multiple: 3x, of: price}}",
            "amount.multiple",
            "multiple: 3",
        ),
    ],
)
def test_the_factor_to_write_is_named(tmp_path: Path, remedy: str, path: str, write: str) -> None:
    [problem] = _errors(tmp_path, remedy)
    assert problem.location.path == f"compensation.default.remedies[0].{path}"
    assert problem.location.line == 8
    assert f"write {write}" in problem.hint, problem.hint
    assert "amount such as 250" not in problem.hint


def test_an_amount_of_money_keeps_its_hint(tmp_path: Path) -> None:
    [problem] = _errors(tmp_path, "{kind: voucher, amount: 25元}")
    assert "250" in problem.hint or "25" in problem.hint, problem.hint

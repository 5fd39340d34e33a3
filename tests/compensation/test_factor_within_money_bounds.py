"""A ``percent`` or ``multiple`` written in a policy is held to the bounds money has: at
most 15 digits before the decimal point and 8 after it. ``percent: 1e30`` loaded and was
refused only when a case was decided ("more than 15 digits before the decimal point"), and
``percent: 1e-30`` or one with 40 decimal places loaded and paid nothing at all (or a sum
whose tail no currency holds). Now ``complaintkit validate`` refuses it, naming the file,
the path of the factor and the range allowed.
"""

from __future__ import annotations

from decimal import Context, Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from compensation_helpers import NOW, make_case
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.compensation.policy import check_section, compile_section
from complaintkit.plugins import Plugins, plugin_manager

PLUGINS = Plugins(plugin_manager(load_entrypoints=False))
BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"

POLICY = """\
complaintkit: 1
name: factors
version: "1"
extends: {base}
compensation:
  currency: CNY
  hit_policy: collect
  rules:
    - id: first
      remedies: [apology]
    - id: second
      remedies: [repair]
    - id: third
      remedies:
        - kind: voucher
          amount: {{{kind}: {factor}, of: amount}}
"""


def _validate(tmp_path: Path, kind: str, factor: str) -> str:
    path = tmp_path / "factors.yaml"
    path.write_text(POLICY.format(base=BASE, kind=kind, factor=factor), encoding="utf-8")
    result = CliRunner().invoke(build_cli(PLUGINS), ["validate", str(path)])
    assert result.exit_code == 1, result.output
    return result.output


@pytest.mark.parametrize(
    ("kind", "factor", "reason"),
    [
        ("percent", "1e30", "more than 15 digits before the decimal point"),
        ("multiple", "1e16", "more than 15 digits before the decimal point"),
        ("percent", "'1e30'", "more than 15 digits before the decimal point"),
        ("percent", "1e-30", "more than 8 decimal places"),
        ("multiple", "'0.0000000001'", "more than 8 decimal places"),
        ("percent", "'1." + "0" * 39 + "1'", "more than 8 decimal places"),
    ],
)
def test_a_factor_no_money_can_carry_is_refused_naming_file_path_and_range(
    tmp_path: Path, kind: str, factor: str, reason: str
) -> None:
    output = _validate(tmp_path, kind, factor)
    where = f"compensation.rules[2].remedies[0].amount.{kind}"
    line = next(line for line in output.splitlines() if where in line)
    assert line.startswith(f"{tmp_path / 'factors.yaml'}:")
    assert "error" in line
    assert reason in line
    assert "at most 15 digits before the decimal point and 8 after it" in output


@pytest.mark.parametrize("factor", [".nan", ".inf", "-.inf", "-5"])
def test_a_factor_that_is_no_amount_at_all_is_refused_too(tmp_path: Path, factor: str) -> None:
    output = _validate(tmp_path, "percent", factor)
    assert "compensation.rules[2].remedies[0].amount.percent" in output


def _section(kind: str, factor: object) -> dict[str, object]:
    amount = {kind: factor, "of": "amount"}
    return {
        "currency": "CNY",
        "rules": [{"id": "r", "remedies": [{"kind": "cash", "amount": amount}]}],
    }


@settings(max_examples=200, deadline=None)
@given(
    kind=st.sampled_from(["percent", "multiple"]),
    factor=st.decimals(min_value=0, max_value=Decimal("1e40"), allow_nan=False),
)
def test_a_factor_loads_exactly_when_it_is_within_the_bounds_of_money(
    kind: str, factor: Decimal
) -> None:
    exact = Context(prec=100)
    within = (not factor or factor.adjusted() < 15) and factor == exact.quantize(
        factor, Decimal("1e-8")
    )
    errors = [
        p
        for p in check_section(_section(kind, str(factor)))
        if p.severity == "error" and p.location.path.endswith(kind)
    ]
    assert (errors == []) == within, (factor, errors)


def test_a_factor_at_the_bounds_still_decides() -> None:
    section = _section("percent", "0.00000001")
    decision = compile_section(section).decide(make_case("100.00"), {}, now=NOW)
    assert str(decision.total) == "0.00 CNY"

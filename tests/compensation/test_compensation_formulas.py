"""Formulas: forms, rounding, traces, and the register_formulas hook."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

import pytest
from compensation_helpers import NOW, make_case

from complaintkit import hookspecs
from complaintkit.compensation.formula_protocol import Context, Formula
from complaintkit.compensation.formulas import FormulaCompiler, Scaled, formula_registry
from complaintkit.compensation.policy import compile_section
from complaintkit.errors import InvalidInput, PluginError, PolicyError
from complaintkit.model.money import Money
from complaintkit.plugins import Plugins, plugin_manager


def evaluate(spec: object, currency: str = "CNY", **inputs: str) -> tuple[Money, tuple[str, ...]]:
    compiler = FormulaCompiler(currency)
    formula = compiler.compile(spec, "amount")
    assert formula is not None, compiler.problems
    values = {k: Money(v, currency) for k, v in inputs.items()}
    result = formula.evaluate(Context(currency, values))
    return result.value, result.steps


def test_percent_of_the_order_amount_rounds_half_up_to_the_minor_unit() -> None:
    value, steps = evaluate({"percent": "12.5", "of": "amount"}, amount="0.99")
    assert value == Money("0.12", "CNY")
    assert "rounded 0.12375 CNY to 0.12 CNY (half_up)" in steps


def test_zero_decimal_currencies_round_to_whole_units() -> None:
    value, _ = evaluate({"percent": 15, "of": "amount"}, "JPY", amount="1999")
    assert value.amount == Decimal("300")


def test_sum_of_and_least_of_combine_parts() -> None:
    assert evaluate({"sum_of": [10, {"percent": 10, "of": "amount"}]}, amount="50")[0] == Money(
        "15.00", "CNY"
    )
    assert evaluate({"least_of": [100, {"multiple": 2, "of": "amount"}]}, amount="80")[0] == Money(
        "100.00", "CNY"
    )


def test_a_missing_input_names_the_fact_to_supply() -> None:
    compiler = FormulaCompiler("CNY")
    formula = compiler.compile({"multiple": 3, "of": "loss"}, "a")
    assert formula is not None
    with pytest.raises(InvalidInput, match="needs the input 'loss'"):
        formula.evaluate(Context("CNY", {}))


def test_hook_register_formulas_adds_a_formula_policies_can_use() -> None:
    class Doubling:
        @hookspecs.hookimpl
        def register_formulas(self, register: Callable[..., None]) -> None:
            def double(
                spec: Mapping[str, object], path: str, compiler: FormulaCompiler
            ) -> Formula | None:
                of = compiler.source({"of": spec["double"]}, path)
                return None if of is None else Scaled("multiple", Decimal(2), of)

            register("double", double)

    pm = plugin_manager(load_entrypoints=False)
    pm.register(Doubling(), name="doubling")
    registry = formula_registry(Plugins(pm))
    compiler = FormulaCompiler("CNY", registry=registry)
    formula = compiler.compile({"double": "price", "cap": 150}, "a")
    assert formula is not None
    assert formula.evaluate(Context("CNY", {"price": Money(100, "CNY")})).value == Money(
        "150.00", "CNY"
    )


def test_hook_register_formulas_duplicate_of_a_builtin_names_both() -> None:
    class Clash:
        @hookspecs.hookimpl
        def register_formulas(self, register: Callable[..., None]) -> None:
            register("percent", lambda spec, path, compiler: None)

    pm = plugin_manager(load_entrypoints=False)
    pm.register(Clash(), name="clash")
    with pytest.raises(
        PluginError,
        match="'percent' is registered by both 'clash' and 'complaintkit.builtin.formulas'",
    ):
        formula_registry(Plugins(pm))


def test_a_factor_can_come_from_a_numeric_fact() -> None:
    policy = compile_section(
        {
            "currency": "CNY",
            "rules": [
                {
                    "id": "late",
                    "remedies": [
                        {
                            "kind": "cash",
                            "amount": {"multiple": {"fact": "days_late"}, "of": {"fixed": 10}},
                        },
                        {
                            "kind": "credit",
                            "amount": {"percent": {"fact": "bank.rate"}, "of": "paid"},
                        },
                    ],
                }
            ],
        }
    )
    facts = {"days_late": 4, "bank": {"rate": Decimal("1.5")}}
    decision = policy.decide(make_case("200.00"), facts, now=NOW)
    assert [r.amount.amount for r in decision.remedies if r.amount] == [
        Decimal("40.00"),
        Decimal("3.00"),
    ]
    assert "days_late = 4" in decision.explain()
    partial = policy.decide(make_case("200.00"), {}, now=NOW, partial=True)
    assert partial.needs == ("bank.rate", "days_late")


def test_a_factor_fact_must_be_named_properly() -> None:
    with pytest.raises(PolicyError) as info:
        compile_section(
            {
                "currency": "CNY",
                "rules": [
                    {
                        "id": "x",
                        "remedies": [
                            {"kind": "cash", "amount": {"multiple": {"fakt": "d"}, "of": "paid"}}
                        ],
                    }
                ],
            }
        )
    assert info.value.problems[0].code == "bad-factor"


@pytest.mark.parametrize(
    ("currency", "paid", "half_up", "half_even"),
    [
        ("CNY", "2.50", "0.13", "0.12"),  # 5% is 0.125, as docs/policy/compensation.md says
        ("CNY", "10.10", "0.51", "0.50"),
        ("JPY", "50", "3", "2"),
        ("KWD", "0.05", "0.003", "0.002"),
    ],
)
def test_each_rounding_mode_rounds_a_half_minor_unit_as_documented(
    currency: str, paid: str, half_up: str, half_even: str
) -> None:
    for rounding, expected in (("half_up", half_up), ("half_even", half_even)):
        section = {
            "currency": currency,
            "rounding": rounding,
            "rules": [{"id": "r", "remedies": [{"kind": "voucher", "amount": {"percent": 5}}]}],
        }
        decision = compile_section(section).decide(make_case(paid, currency), now=NOW)
        assert decision.total == Money(expected, currency)
        assert str(decision.total) == f"{expected} {currency}"


@pytest.mark.parametrize(
    ("currency", "voucher", "needs"),
    [
        ("CNY", "500.00", ()),
        ("CNY", "500.01", ("manager",)),
        ("JPY", "500", ()),
        ("JPY", "501", ("manager",)),
    ],
)
def test_an_approval_is_needed_only_above_its_threshold_never_at_it(
    currency: str, voucher: str, needs: tuple[str, ...]
) -> None:
    section = {
        "currency": currency,
        "rules": [{"id": "r", "remedies": [{"kind": "voucher", "amount": voucher}]}],
        "approvals": [{"above": 500, "role": "manager"}],
    }
    decision = compile_section(section).decide(make_case("1", currency), now=NOW)
    assert decision.approvals_needed == needs


_LATE = {
    "currency": "CNY",
    "rules": [
        {
            "id": "late",
            "remedies": [
                {"kind": "cash", "amount": {"multiple": {"fact": "days_late"}, "of": {"fixed": 10}}}
            ],
        }
    ],
}


@pytest.mark.parametrize("days", ["3", " 3 ", "3.0", "3E0"])
def test_a_factor_fact_given_as_numeric_text_is_that_number(days: str) -> None:
    # a form's days_late: "3" was 'needs days_late' although it was supplied, while a
    # condition on the same fact read it as 3
    decision = compile_section(_LATE).decide(make_case("200.00"), {"days_late": days}, now=NOW)
    assert [r.amount.amount for r in decision.remedies if r.amount] == [Decimal("30.00")]


@pytest.mark.parametrize("days", [True, "three", "NaN", "1,5"])
def test_a_factor_fact_that_is_no_number_is_named_as_such(days: object) -> None:
    # it said 'needs days_late' of a fact that was there
    with pytest.raises(InvalidInput) as refused:
        compile_section(_LATE).decide(make_case("200.00"), {"days_late": days}, now=NOW)
    assert refused.value.field == "facts.days_late"
    assert "not a number" in refused.value.message


@pytest.mark.parametrize(
    ("days", "bare"), [("3天", "3"), ("\uff13 days", "3"), ("2.5 days", "2.5")]
)
def test_a_factor_fact_with_its_unit_is_told_the_number_to_write(days: str, bare: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        compile_section(_LATE).decide(make_case("200.00"), {"days_late": days}, now=NOW)
    assert refused.value.field == "facts.days_late"
    assert f"write days_late: {bare}, the number alone" in refused.value.message


def test_a_factor_fact_given_as_text_too_big_to_count_is_no_number() -> None:
    # "1e999999" ended in "formula 'multiple' … failed: Overflow: [<class 'decimal.Overflow'>]"
    with pytest.raises(InvalidInput) as refused:
        compile_section(_LATE).decide(make_case("200.00"), {"days_late": "1e999999"}, now=NOW)
    assert refused.value.field == "facts.days_late"

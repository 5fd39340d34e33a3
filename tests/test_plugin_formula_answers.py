"""A plugin formula whose ``evaluate`` answers what is no payable amount — a number, text,
money in another currency or below zero — refuses the decision naming the plugin, as one
that raises does: the plugin's own ``describe()`` text named no one (and, raising itself,
ended in a traceback). Nothing of the decision is recorded."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from complaintkit.compensation.formula_protocol import Amount
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput, PolicyError
from complaintkit.hookspecs import hookimpl
from complaintkit.model.money import Money
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.storage_contract import make_complaint

DEMO_POLICY = Path(__file__).parents[1] / "src/complaintkit/demo/policy.yaml"


class Answering:
    """A plugin formula answering ``answer`` whatever the case."""

    constant = None

    def __init__(self, answer: object, describe_fails: bool) -> None:
        self.answer, self.describe_fails = answer, describe_fails

    def evaluate(self, context: object) -> object:
        return self.answer

    def describe(self) -> str:
        if self.describe_fails:
            raise RuntimeError("no words")
        return "an amount"


def _desk(tmp_path: Path, formula: Answering) -> Desk:
    class Acme:
        @hookimpl
        def register_formulas(self, register: Any) -> None:
            register("acme", lambda spec, path, compiler: formula)

    pm = plugin_manager(load_entrypoints=False)
    pm.register(Acme(), name="acme")
    plugins = Plugins(pm)
    text = DEMO_POLICY.read_text(encoding="utf-8")
    voucher = "- {kind: voucher, amount: 20, label"
    assert voucher in text
    policy = tmp_path / "policy.yaml"
    policy.write_text(text.replace(voucher, "- {kind: voucher, amount: {acme: 1}, label"), "utf-8")
    return Desk(load_policy(policy, plugins=plugins), storage="memory:", plugins=plugins)


WRONG = {
    "a number": 20,
    "text": "20",
    "None": None,
    "money, unwrapped": Money.of(Decimal(20), "CNY"),
    "another currency": Amount(Money.of(Decimal(20), "EUR")),
    "below zero": Amount(Money.of(Decimal(-20), "CNY")),
    "steps that are no list": Amount(Money.of(Decimal(20), "CNY"), None),  # type: ignore[arg-type]
    "steps that are no text": Amount(Money.of(Decimal(20), "CNY"), (1, 2)),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("describe_fails", [False, True], ids=["describes", "describe raises"])
@pytest.mark.parametrize("answer", WRONG.values(), ids=WRONG)
def test_a_formula_answering_no_payable_amount_is_refused_naming_the_plugin(
    answer: object, describe_fails: bool, tmp_path: Path
) -> None:
    desk = _desk(tmp_path, Answering(answer, describe_fails))
    case = desk.intake(make_complaint("a", text="the parcel never arrived"))
    with pytest.raises(InvalidInput) as error:
        desk.decide_compensation(case.id)
    assert "from plugin 'acme'" in str(error.value)
    with pytest.raises(InvalidInput):
        desk.propose_compensation(case.id, actor="li.na")
    assert desk.get(case.id).version == case.version


@pytest.mark.parametrize("describe_fails", [False, True], ids=["describes", "describe raises"])
def test_a_formula_answering_a_payable_amount_is_paid(describe_fails: bool, tmp_path: Path) -> None:
    """A ``describe`` that fails costs the decision its words, not the decision."""
    answer = Amount(Money.of(Decimal(20), "CNY"), ("twenty",))
    desk = _desk(tmp_path, Answering(answer, describe_fails))
    case = desk.intake(make_complaint("a", text="the parcel never arrived"))
    decision = desk.decide_compensation(case.id)
    assert Money.of(Decimal(20), "CNY") in [remedy.amount for remedy in decision.remedies]


class Constant:
    """A plugin formula whose ``constant`` is ``constant`` (raised, if an exception)."""

    def __init__(self, constant: object) -> None:
        self._constant = constant

    @property
    def constant(self) -> object:
        if isinstance(self._constant, Exception):
            raise self._constant
        return self._constant

    def evaluate(self, context: object) -> Amount:
        return Amount(Money.of(Decimal(20), "CNY"))

    def describe(self) -> str:
        return "an amount"


WRONG_CONSTANTS = {
    "a number": 20,
    "text": "20",
    "another currency": Money.of(Decimal(5), "EUR"),
    "below zero": Money.of(Decimal(-5), "CNY"),
    "raises": RuntimeError("no constant"),
}


@pytest.mark.parametrize("constant", WRONG_CONSTANTS.values(), ids=WRONG_CONSTANTS)
def test_a_formula_whose_constant_no_policy_can_pay_is_a_policy_error_naming_the_plugin(
    constant: object, tmp_path: Path
) -> None:
    """A constant stands for its formula wherever it is known, unchecked: as a cap, one of
    -5 CNY paid the customer -5.00 CNY, and a number ended the decision in a traceback."""

    class Acme:
        @hookimpl
        def register_formulas(self, register: Any) -> None:
            register("acme", lambda spec, path, compiler: Constant(constant))

    pm = plugin_manager(load_entrypoints=False)
    pm.register(Acme(), name="acme")
    plugins = Plugins(pm)
    text = DEMO_POLICY.read_text(encoding="utf-8")
    voucher = "- {kind: voucher, amount: 20, label"
    capped = "- {kind: voucher, amount: {fixed: 30, cap: {acme: 1}}, label"
    policy = tmp_path / "policy.yaml"
    policy.write_text(text.replace(voucher, capped), "utf-8")
    with pytest.raises(PolicyError) as error:
        load_policy(policy, plugins=plugins)
    assert "formula 'acme' from plugin 'acme'" in str(error.value)
    assert "constant" in str(error.value)

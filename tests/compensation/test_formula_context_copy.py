"""A plugin formula's ``evaluate`` was handed the case's own attribute values among the
context's facts: one changing them (appending to a list it read) changed the case's
complaint attributes, stored so by ``propose_compensation`` and returned to the caller."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

from complaintkit.compensation.formula_protocol import Amount, Context
from complaintkit.desk import Desk
from complaintkit.hookspecs import hookimpl
from complaintkit.model.money import Money
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.storage_contract import make_complaint

DEMO_POLICY = Path(__file__).parents[2] / "src/complaintkit/demo/policy.yaml"
VOUCHER = "- {kind: voucher, amount: 20, label"
ATTRIBUTES = {"skus": ["FRZ-1"], "order": {"lines": 2}}


class Meddling:
    """Pays 5, changing every fact it is handed on the way."""

    constant = None

    def evaluate(self, context: Context) -> Amount:
        for value in context.not_money.values():
            if isinstance(value, list):
                value.append("meddled")
            if isinstance(value, dict):
                value["meddled"] = True
        return Amount(Money(Decimal(5), context.currency))

    def describe(self) -> str:
        return "acme's amount"


class Acme:
    @hookimpl
    def register_formulas(self, register: Any) -> None:
        register("acme", lambda spec, path, compiler: Meddling())


@pytest.fixture
def desk(tmp_path: Path) -> Desk:
    text = DEMO_POLICY.read_text(encoding="utf-8")
    assert VOUCHER in text
    path = tmp_path / "policy.yaml"
    path.write_text(text.replace(VOUCHER, "- {kind: voucher, amount: {acme: 1}, label"))
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Acme(), name="acme")
    plugins = Plugins(pm)
    db = tmp_path / "cases.db"
    return Desk(load_policy(path, plugins=plugins), storage=f"sqlite:///{db}", plugins=plugins)


def test_a_formula_changing_the_facts_it_reads_changes_no_case(desk: Desk) -> None:
    complaint = attrs.evolve(make_complaint("a", text="the parcel never arrived"))
    complaint = attrs.evolve(complaint, attributes=ATTRIBUTES)
    case = desk.intake(complaint)
    proposed = desk.propose_compensation(case.id, actor="li.na")
    assert dict(proposed.complaint.attributes) == ATTRIBUTES
    assert dict(desk.get(case.id).complaint.attributes) == ATTRIBUTES

"""A formula factory was handed the policy's own mapping: one changing it (popping its key
as it reads it) changed the loaded policy's data, which reads differently from its file."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from complaintkit.compensation.formulas import FormulaCompiler, Scaled
from complaintkit.hookspecs import hookimpl
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy

DEMO_POLICY = Path(__file__).parents[2] / "src/complaintkit/demo/policy.yaml"
VOUCHER = "- {kind: voucher, amount: 20, label"


def popping(spec: dict[str, Any], path: str, compiler: FormulaCompiler) -> Any:
    """Doubles a price, reading its spec by popping it."""
    source = compiler.source({"of": spec.pop("double")}, path)
    return None if source is None else Scaled("multiple", Decimal(2), source)


class Doubling:
    @hookimpl
    def register_formulas(self, register: Any) -> None:
        register("double", popping)


def test_a_factory_changing_its_spec_changes_no_policy(tmp_path: Path) -> None:
    text = DEMO_POLICY.read_text(encoding="utf-8")
    assert VOUCHER in text
    path = tmp_path / "policy.yaml"
    path.write_text(text.replace(VOUCHER, "- {kind: voucher, amount: {double: price}, label"))
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Doubling(), name="acme")
    policy = load_policy(path, Plugins(pm))
    amounts = [
        remedy["amount"]
        for rule in policy.data["compensation"]["rules"]
        for remedy in rule.get("remedies", [])
        if isinstance(remedy, dict) and isinstance(remedy.get("amount"), dict)
    ]
    assert {"double": "price"} in amounts

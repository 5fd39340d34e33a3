"""A formula factory that answered ``None`` without reporting a problem through
``compiler.error`` (a plugin's bug: a branch it forgot) left the policy loading clean while
the remedy using it was silently dropped: the late-delivery voucher decided as no remedy
at all, a customer owed 20 yuan offered nothing, and nobody told. It is an error of the
policy at that amount, naming the plugin, as a factory answering no ``Formula`` is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from complaintkit.compensation.formulas import FormulaCompiler
from complaintkit.errors import PolicyError
from complaintkit.hookspecs import hookimpl
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy

DEMO_POLICY = Path(__file__).parents[2] / "src/complaintkit/demo/policy.yaml"
VOUCHER = "- {kind: voucher, amount: 20, label"


def forgetful(spec: dict[str, Any], path: str, compiler: FormulaCompiler) -> Any:
    """Answers None for every spec, saying nothing."""
    return None


def reporting(spec: dict[str, Any], path: str, compiler: FormulaCompiler) -> Any:
    """Answers None after saying why, as the hookspec asks."""
    compiler.error(path, "tiered needs a table of tiers")
    return None


@pytest.mark.parametrize("factory", [forgetful, reporting])
def test_a_factory_answering_none_never_drops_a_remedy_unsaid(tmp_path: Path, factory: Any) -> None:
    class Tiered:
        @hookimpl
        def register_formulas(self, register: Any) -> None:
            register("tiered", factory)

    text = DEMO_POLICY.read_text(encoding="utf-8")
    assert VOUCHER in text
    path = tmp_path / "policy.yaml"
    path.write_text(text.replace(VOUCHER, "- {kind: voucher, amount: {tiered: 20}, label"))
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Tiered(), name="acme")
    with pytest.raises(PolicyError) as refused:
        load_policy(path, Plugins(pm))
    errors = [p for p in refused.value.problems if p.severity == "error"]
    assert len(errors) == 1  # the factory's own error, or one saying it gave none
    (error,) = errors
    assert "amount" in str(error.location)
    if factory is forgetful:
        assert "'acme'" in error.message
        assert "tiered" in error.message

"""A plugin's operator factory, or the test it made, raising ``GeneratorExit`` — the
``BaseException`` ``contained`` leaves alone, as it is how a generator is closed — escaped
the policy compiler: ``complaintkit validate`` ended in a traceback naming no plugin, and a
complaint whose condition reached the test stopped intake. Raised by a plain call, it is
the plugin's bug: a policy error at the condition naming the plugin (the factory), or a
``PluginError`` naming the operator and its plugin (the test)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NoReturn

import pytest

from complaintkit.errors import PluginError, PolicyError
from complaintkit.hookspecs import hookimpl
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import check_policy
from complaintkit.policy.conditions import compile_condition
from complaintkit.policy.operators import OperatorRegistry, guarded_test

BASE = Path(__file__).parent.parent / "docs" / "policy" / "base.yaml"


def _closing(*args: object) -> NoReturn:
    raise GeneratorExit


def test_a_factory_raising_generator_exit_is_a_policy_error_naming_its_plugin() -> None:
    registry = OperatorRegistry()
    registry.register("odd", _closing, expects="anything", provider="acme")
    with pytest.raises(PolicyError, match="plugin 'acme'") as error:
        compile_condition({"field": "customer.tier", "odd": "vip"}, registry=registry)
    assert "GeneratorExit" in str(error.value)


def test_validate_names_a_factory_raising_generator_exit_at_its_condition(
    tmp_path: Path,
) -> None:
    class Acme:
        @hookimpl
        def register_operators(self, register: Any) -> None:
            register("starts_with", (_closing, "a prefix"))

    pm = plugin_manager(load_entrypoints=False)
    pm.register(Acme(), name="acme")
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    policy = tmp_path / "p.yaml"
    policy.write_text(
        "complaintkit: 1\nextends: ./base.yaml\nclassification:\n  rules:\n"
        "    - id: milk\n      when: {field: complaint.text, starts_with: 牛奶}\n"
        "      then: {category: product, severity: critical, priority: urgent}\n",
        "utf-8",
    )
    (problem,) = (p for p in check_policy(policy, Plugins(pm)) if p.severity == "error")
    assert problem.location.line == 6
    assert "plugin 'acme'" in problem.message


def test_a_test_raising_generator_exit_is_a_plugin_error() -> None:
    test = guarded_test(_closing, "starts_with", "acme", "customer.tier")
    with pytest.raises(PluginError, match="operator 'starts_with' from plugin 'acme'"):
        test("gold")

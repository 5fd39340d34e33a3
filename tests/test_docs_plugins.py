"""docs/plugins.md: every hook documented parameter by parameter, every example runs."""

from __future__ import annotations

import inspect
import re
import types
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from complaintkit import hookspecs
from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.compensation.formula_protocol import Context
from complaintkit.compensation.formulas import FormulaCompiler, formula_registry
from complaintkit.desk import Desk
from complaintkit.model.money import Money
from complaintkit.notify.base import Message
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import Policy, load_policy
from complaintkit.storage.base import Storage
from complaintkit.testing import StorageContract

DOCS = (Path(__file__).parents[1] / "docs" / "plugins.md").read_text(encoding="utf-8")
SPECS = {
    name: f
    for name, f in inspect.getmembers(hookspecs, inspect.isfunction)
    if hasattr(f, "complaintkit_spec")
}


def section(hook: str) -> str:
    match = re.search(rf"### `{hook}\((.*?)\)`\n(.*?)(?=\n##|\Z)", DOCS, flags=re.S)
    assert match, f"docs/plugins.md has no section for {hook}"
    return match.group(0)


@pytest.mark.parametrize("hook", sorted(SPECS))
def test_every_hook_documents_each_parameter_and_its_return(hook: str) -> None:
    text = section(hook)
    parameters = list(inspect.signature(SPECS[hook]).parameters)
    assert f"### `{hook}({', '.join(parameters)})`" in text
    for parameter in parameters:
        assert f"- **{parameter}** — " in text, f"{hook}: parameter {parameter} undocumented"
    assert "- **Returns** — " in text


def example(hook: str, tmp_path: Path) -> types.ModuleType:
    """The section's example, run as a plugin module."""
    (code,) = re.findall(r"```python\n(.*?)```", section(hook), flags=re.S)
    module = types.ModuleType(f"example_{hook}")
    module.__file__ = str(tmp_path / "plugin.py")
    exec(compile(code, f"docs/plugins.md ({hook})", "exec"), module.__dict__)  # our own docs
    return module


def plugins_with(plugin: object) -> Plugins:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(plugin, name="example")
    return Plugins(pm)


def desk(plugins: Plugins, storage: str = "memory:", policy: Policy | None = None) -> Desk:
    return Desk(policy, storage=storage, plugins=plugins, clock=ManualClock(NOW))


ROOT = Path(__file__).parents[1]
#: Shipped policies whose catalogs declare their categories and severities.
SHIPPED_WITH_CATALOGS = (
    "policies/retail/supermarket.yaml",
    "policies/ecommerce/online-shop.yaml",
    "src/complaintkit/demo/policy.yaml",
)


NOW = datetime(2026, 11, 23, 1, tzinfo=UTC)
COMPLAINT: dict[str, Any] = {
    "channel": "web",
    "external_id": "d-1",
    "received_at": "2026-11-23T09:00:00+08:00",
    "customer": {"id": "c-1"},
    "text": "吃了以后食物中毒",
}


def test_storage_example(tmp_path: Path) -> None:
    plugins = plugins_with(example("register_storage", tmp_path))
    assert desk(plugins, "scratch:").intake(COMPLAINT).id
    migrated = CliRunner().invoke(build_cli(plugins), ["--db", "scratch:", "migrate", "--json"])
    assert migrated.exit_code == 2, migrated.output  # a usage error of --db
    assert "no complaintkit store" in migrated.output


class TestStorageExampleKeepsTheContract(StorageContract):
    """The storage example, opened as a plugin's backend is, tested as its author would."""

    @pytest.fixture
    def storage(self, tmp_path: Path) -> Iterator[Storage]:
        plugins = plugins_with(example("register_storage", tmp_path))
        with plugins.open_storage("scratch:") as backend:
            assert type(backend).__name__ == "ScratchStorage"
            yield backend


def test_channel_example(tmp_path: Path) -> None:
    plugins = plugins_with(example("register_channels", tmp_path))
    source = tmp_path / "in.tsv"
    source.write_text("k1\tc-1\t包裹丢了\n", encoding="utf-8")
    the_desk = desk(plugins)
    channel = plugins.channel("tsv", {}, the_desk.context)
    assert [c.external_id for c in channel.read(str(source))] == ["k1"]


def test_notifier_example(tmp_path: Path) -> None:
    module = example("register_notifiers", tmp_path)
    plugins = plugins_with(module)
    pager = plugins.notifier("pager", {"channel": "#care"}, None)
    pager.send(Message(to="", subject="SLA at risk", body=""))
    assert module.Pager.sent == [("#care", "SLA at risk")]


def test_operator_example(tmp_path: Path) -> None:
    plugins = plugins_with(example("register_operators", tmp_path))
    registered: tuple[Any, str] = plugins.operators["starts_with"].value
    factory, expects = registered
    assert factory("vip")("vip-gold")
    assert expects == "a prefix"


def test_operator_example_in_the_policy_row_it_shows(tmp_path: Path) -> None:
    """The example's comment, ``{field: customer.tier, starts_with: vip}``, as a policy row:
    the operator is found, compiled and tested on the complaint's customer."""
    plugins = plugins_with(example("register_operators", tmp_path))
    demo = (ROOT / "src/complaintkit/demo/policy.yaml").read_text(encoding="utf-8")
    row = "when: {field: customer.tier, in: [gold, vip]}"
    assert row in demo
    policy = tmp_path / "policy.yaml"
    policy.write_text(demo.replace(row, "when: {field: customer.tier, starts_with: vip}"), "utf-8")
    the_desk = desk(plugins, policy=load_policy(policy, plugins))
    tiers = {"d-vip": "vip-gold", "d-std": "standard"}
    cases = {
        key: the_desk.intake(
            {**COMPLAINT, "external_id": key, "customer": {"id": key, "tier": tier}}
        )
        for key, tier in tiers.items()
    }
    assert "valued_customer" in cases["d-vip"].tags
    assert "valued_customer" not in cases["d-std"].tags


def test_formula_example(tmp_path: Path) -> None:
    plugins = plugins_with(example("register_formulas", tmp_path))
    compiler = FormulaCompiler("CNY", registry=formula_registry(plugins))
    formula = compiler.compile({"double": "price", "cap": 150}, "a")
    assert formula is not None
    value = formula.evaluate(Context("CNY", {"price": Money(100, "CNY")})).value
    assert value == Money("150.00", "CNY")


def test_policy_pack_example(tmp_path: Path) -> None:
    plugins = plugins_with(example("register_policy_packs", tmp_path))
    assert Path(plugins.policy_packs.get_value("acme/base")) == tmp_path / "base.yaml"


def test_command_example(tmp_path: Path) -> None:
    plugins = plugins_with(example("register_commands", tmp_path))
    result = CliRunner().invoke(build_cli(plugins), ["--db", "memory:", "overdue"])
    assert result.exit_code == 0, result.output
    assert result.output == "0 overdue\n"


@pytest.mark.parametrize("policy", [None, *SHIPPED_WITH_CATALOGS])
def test_classification_override_example(tmp_path: Path, policy: str | None) -> None:
    """Installed beside a shipped policy, the example overrides it (an id its catalog does
    not declare refused every food-poisoning complaint it was written for)."""
    plugins = plugins_with(example("classify_complaint", tmp_path))
    the_desk = desk(plugins, policy=None if policy is None else load_policy(ROOT / policy, plugins))
    case = the_desk.intake(COMPLAINT)
    assert case.severity == "critical"
    (classified,) = [e for e in the_desk.history(case.id) if e.kind == "classified"]
    assert "overridden by plugin 'example' (classify_complaint)" in classified.reason


def test_case_event_example(tmp_path: Path) -> None:
    module = example("case_event", tmp_path)
    plugins = plugins_with(module.audit)
    the_desk = desk(plugins)
    case = the_desk.intake(COMPLAINT)
    assert module.Audit.seen == [e.kind for e in the_desk.history(case.id)]


def implements(module: types.ModuleType, hook: str) -> bool:
    """Whether the example module, or an object it defines, implements ``hook``."""
    candidates = [module, *(v for v in vars(module).values() if not isinstance(v, type))]
    for candidate in candidates:
        pm = plugin_manager(load_entrypoints=False)
        pm.register(candidate, name="example")
        if any(impl.plugin_name == "example" for impl in getattr(pm.hook, hook).get_hookimpls()):
            return True
    return False


@pytest.mark.parametrize("hook", sorted(SPECS))
def test_every_hook_example_implements_it_and_a_test_runs_it(hook: str, tmp_path: Path) -> None:
    """A hook added to hookspecs.py needs a section, an example implementing it, and a test
    here showing the example's behaviour; the last was nowhere required."""
    assert implements(example(hook, tmp_path), hook), f"the {hook} example does not implement it"
    runners = [
        name
        for name, test in globals().items()
        if name.startswith("test_")
        and name != "test_every_hook_example_implements_it_and_a_test_runs_it"
        and f'example("{hook}"' in inspect.getsource(test)
    ]
    assert runners, f"no test in {Path(__file__).name} runs the {hook} example"

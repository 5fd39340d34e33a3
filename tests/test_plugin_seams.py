"""A misbehaving plugin, seen from the user's side: a clear error naming the plugin and the
hook, never a traceback, and never a stored change reported as a failure."""

from __future__ import annotations

import logging
from collections.abc import Callable, Generator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

import click
import pytest
import yaml
from click.testing import CliRunner

from complaintkit.channels.intake import READ
from complaintkit.cli import build_cli, main
from complaintkit.cli.not_intake import DELIVERY_PREFIX
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk, Taken
from complaintkit.errors import (
    ComplaintkitError,
    ConfigError,
    InvalidInput,
    PluginError,
    PolicyError,
    StorageError,
)
from complaintkit.hookspecs import hookimpl
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import RESERVED_CHANNEL_NAMES, Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.plan_mark import PlanMark
from complaintkit.testing.storage_contract import make_complaint


def plugins_with(plugin: object, name: str = "acme") -> Plugins:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(plugin, name=name)
    return Plugins(pm)


def _raises(exc: BaseException) -> Callable[..., Any]:
    def factory(*args: object, **kwargs: object) -> Any:
        raise exc

    return factory


# --- case_event: a wrapper outside the built-in isolation --------------------------------


class OuterWrapper:
    """A ``case_event`` wrapper ordered before the built-in one, failing after the call."""

    @hookimpl(wrapper=True, tryfirst=True)
    def case_event(self, event: CaseEvent) -> Generator[None, list[None], list[None]]:
        yield
        raise ValueError("wrapper bug")


def test_a_failing_outer_case_event_wrapper_is_logged_and_the_change_stands(
    caplog: pytest.LogCaptureFixture,
) -> None:
    desk = Desk(storage="memory:", plugins=plugins_with(OuterWrapper()))
    with caplog.at_level(logging.ERROR, logger="complaintkit.builtin.lifecycle"):
        case = desk.intake(make_complaint("a"))
        (outcome,) = desk.intake_many([make_complaint("b")])
    assert desk.get(case.id).version == case.version
    assert isinstance(outcome, Taken)
    assert outcome.created
    assert "failed handling the opened event" in caplog.text
    assert "wrapper bug" in caplog.text


class Heard:
    """A plugin hearing ``case_event`` through a wrapper only, and one through a plain hook."""

    def __init__(self) -> None:
        self.wrapped: list[str] = []
        self.plain: list[str] = []

    @hookimpl(wrapper=True)
    def case_event(self, event: CaseEvent) -> Generator[None, list[None], list[None]]:
        self.wrapped.append(event.kind)
        return (yield)


class HeardPlainly:
    def __init__(self) -> None:
        self.kinds: list[str] = []

    @hookimpl
    def case_event(self, event: CaseEvent) -> None:
        self.kinds.append(event.kind)


def test_every_event_reaches_a_plugins_case_event_wrapper_and_implementation() -> None:
    """complaintkit's own implementations act on openings only, so other events skip
    pluggy when no plugin listens; a plugin listening either way hears every event."""
    pm = plugin_manager(load_entrypoints=False)
    wrapper, plain = Heard(), HeardPlainly()
    pm.register(wrapper, name="tracing")
    pm.register(plain, name="acme")
    desk = Desk(load_policy(DEMO_POLICY), storage="memory:", plugins=Plugins(pm))
    case = desk.intake(make_complaint("a"))
    desk.note(case.id, "批次 B-17", actor="li.na")
    stored = [event.kind for event in desk.history(case.id)]
    assert wrapper.wrapped == stored
    assert plain.kinds == stored
    assert "noted" in stored


# --- register_storage ---------------------------------------------------------------------


def _storage_plugin(factory: object) -> object:
    class Acme:
        @hookimpl
        def register_storage(self, register: Any) -> None:
            register("acme", factory)

    return Acme()


def _no_url() -> MemoryStorage:
    return MemoryStorage()


BAD_STORAGE_FACTORIES = {
    "not callable": "not a factory",
    "raises": _raises(ValueError("cannot open")),
    "recurses": _raises(RecursionError("too deep")),
    "takes no url": _no_url,
    "answers None": lambda url: None,
    "answers a dict": lambda url: {},
}


@pytest.mark.parametrize("factory", BAD_STORAGE_FACTORIES.values(), ids=BAD_STORAGE_FACTORIES)
def test_a_bad_storage_factory_is_a_plugin_error_naming_plugin_and_hook(factory: object) -> None:
    plugins = plugins_with(_storage_plugin(factory))
    with pytest.raises(PluginError) as error:
        Desk(storage="acme://somewhere", plugins=plugins)
    assert "'acme'" in str(error.value)
    assert "register_storage" in str(error.value)
    assert error.value.plugins == ("acme",)


def test_a_bad_storage_factory_is_one_line_on_the_command_line(tmp_path: Path) -> None:
    cli = build_cli(plugins_with(_storage_plugin(lambda url: None)))
    result = CliRunner().invoke(cli, ["--db", "acme://somewhere", "cases", "list"])
    assert result.exit_code == 1
    assert not isinstance(result.exception, AttributeError | TypeError)
    assert "register_storage" in result.output


def test_a_storage_error_of_the_backend_itself_is_left_as_it_is() -> None:
    plugins = plugins_with(_storage_plugin(_raises(StorageError("server down"))))
    with pytest.raises(StorageError, match="server down"):
        Desk(storage="acme://somewhere", plugins=plugins)


# --- register_channels and register_notifiers: the factories ------------------------------


class NoMethods:
    pass


BAD_FACTORIES = {
    "not callable": "not a factory",
    "raises": _raises(ValueError("kaput")),
    "recurses": _raises(RecursionError("too deep")),
    "answers a dict": dict,
    "answers an object without the method": NoMethods,
}


def _channel_plugin(factory: object) -> object:
    class Acme:
        @hookimpl
        def register_channels(self, register: Any) -> None:
            register("acme", factory)

    return Acme()


@pytest.mark.parametrize("factory", BAD_FACTORIES.values(), ids=BAD_FACTORIES)
def test_a_bad_channel_factory_is_one_line_naming_plugin_and_hook(
    factory: object, tmp_path: Path
) -> None:
    cli = build_cli(plugins_with(_channel_plugin(factory)))
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    result = CliRunner().invoke(cli, ["--db", db, "intake", "--channel", "acme", "source"])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # no traceback
    assert "'acme'" in result.output
    assert "register_channels" in result.output


def _notifier_plugin(factory: object) -> object:
    class Acme:
        @hookimpl
        def register_notifiers(self, register: Any) -> None:
            register("acme", factory)

    return Acme()


@pytest.mark.parametrize("factory", BAD_FACTORIES.values(), ids=BAD_FACTORIES)
def test_a_bad_notifier_factory_is_a_plugin_error_naming_plugin_and_hook(factory: object) -> None:
    plugins = plugins_with(_notifier_plugin(factory))
    with pytest.raises(PluginError) as error:
        plugins.notifier("acme", {}, None)
    assert "'acme'" in str(error.value)
    assert "register_notifiers" in str(error.value)


def test_a_config_error_of_the_factory_itself_is_left_as_it_is() -> None:
    plugins = plugins_with(_notifier_plugin(_raises(ConfigError("no such host"))))
    with pytest.raises(ConfigError, match="no such host"):
        plugins.notifier("acme", {}, None)


def test_every_plugin_error_is_a_complaintkit_error() -> None:
    assert issubclass(PluginError, ComplaintkitError)


# --- register_formulas ----------------------------------------------------------------------

DEMO_POLICY = Path(__file__).parents[1] / "src/complaintkit/demo/policy.yaml"


def _voucher_policy(tmp_path: Path) -> Path:
    """The demo policy with its late-delivery voucher computed by the ``acme`` formula."""
    text = DEMO_POLICY.read_text(encoding="utf-8")
    voucher = "- {kind: voucher, amount: 20, label"
    assert voucher in text
    path = tmp_path / "policy.yaml"
    path.write_text(text.replace(voucher, "- {kind: voucher, amount: {acme: 1}, label"), "utf-8")
    return path


def _voucher_rule() -> int:
    """Where the demo's late-delivery voucher is among its compensation rules (rows added
    before it move it); a remedy may be written as its kind alone."""
    rules = yaml.safe_load(DEMO_POLICY.read_text(encoding="utf-8"))["compensation"]["rules"]
    voucher = {"kind": "voucher", "amount": 20}
    return next(
        n
        for n, rule in enumerate(rules)
        if any(
            isinstance(r, dict) and voucher.items() <= r.items() for r in rule.get("remedies", [])
        )
    )


def _formula_plugin(factory: object) -> object:
    class Acme:
        @hookimpl
        def register_formulas(self, register: Any) -> None:
            register("acme", factory)

    return Acme()


def _answers(value: object) -> Callable[..., object]:
    return lambda spec, path, compiler: value


BAD_FORMULA_FACTORIES = {
    "raises": _raises(ValueError("kaput")),
    "recurses": _raises(RecursionError("too deep")),
    "answers a dict": _answers({}),
    "answers text": _answers("20"),
    "answers a number": _answers(20),
}


@pytest.mark.parametrize("factory", BAD_FORMULA_FACTORIES.values(), ids=BAD_FORMULA_FACTORIES)
def test_a_bad_formula_factory_is_a_policy_error_naming_the_plugin(
    factory: object, tmp_path: Path
) -> None:
    plugins = plugins_with(_formula_plugin(factory))
    with pytest.raises(PolicyError) as error:
        load_policy(_voucher_policy(tmp_path), plugins=plugins)
    assert "from plugin 'acme'" in str(error.value)
    assert f"compensation.rules[{_voucher_rule()}].remedies[0].amount" in str(error.value)
    result = CliRunner().invoke(build_cli(plugins), ["validate", str(_voucher_policy(tmp_path))])
    assert result.exit_code == 1
    assert "from plugin 'acme'" in result.output


class Failing:
    """A formula whose evaluation raises."""

    constant = None

    def __init__(self, exc: Exception) -> None:
        self.exc = exc

    def evaluate(self, context: object) -> object:
        raise self.exc

    def describe(self) -> str:
        return "acme's amount"


@pytest.mark.parametrize("exc", [ValueError("kaput"), RecursionError("too deep"), KeyError("k")])
def test_a_formula_failing_on_a_case_is_invalid_input_naming_the_plugin(
    exc: Exception, tmp_path: Path
) -> None:
    plugins = plugins_with(_formula_plugin(_answers(Failing(exc))))
    db = tmp_path / "cases.db"
    desk = Desk(
        load_policy(_voucher_policy(tmp_path), plugins=plugins),
        storage=f"sqlite:///{db}",
        plugins=plugins,
    )
    case = desk.intake(make_complaint("a", text="the parcel never arrived"))
    assert case.category == "delivery"
    with pytest.raises(InvalidInput) as error:
        desk.decide_compensation(case.id)
    assert "from plugin 'acme'" in str(error.value)
    with pytest.raises(InvalidInput):
        desk.propose_compensation(case.id, actor="li.na")
    assert desk.get(case.id).version == case.version  # nothing half-recorded


# --- register_policy_packs ------------------------------------------------------------------


def _pack_plugin(path: object) -> object:
    class Acme:
        @hookimpl
        def register_policy_packs(self, register: Any) -> None:
            register("acme/base", path)

    return Acme()


def _extending(tmp_path: Path) -> Path:
    policy = tmp_path / "policy.yaml"
    policy.write_text("complaintkit: 1\nname: shop\nversion: '1'\nextends: acme/base\n", "utf-8")
    return policy


@pytest.mark.parametrize("path", [None, 5, ["base.yaml"]])
def test_a_pack_registered_without_a_path_is_a_plugin_error_naming_it(
    path: object, tmp_path: Path
) -> None:
    plugins = plugins_with(_pack_plugin(path))
    with pytest.raises(PluginError) as error:
        load_policy(_extending(tmp_path), plugins=plugins)
    assert "'acme'" in str(error.value)
    assert "register_policy_packs" in str(error.value)
    result = CliRunner().invoke(build_cli(plugins), ["validate", str(_extending(tmp_path))])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # no traceback


@pytest.mark.parametrize("path", ["packs/base.yaml", Path("packs") / "base.yaml", "./base.yaml"])
def test_a_pack_registered_by_a_relative_path_is_a_plugin_error_naming_it(
    path: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A relative path is read from the working directory: the pack loaded where the
    author tried it and was missing wherever else the application ran, told to reinstall."""
    base = (Path(__file__).parents[1] / "docs" / "policy" / "base.yaml").read_text("utf-8")
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "base.yaml").write_text(base, "utf-8")
    (tmp_path / "base.yaml").write_text(base, "utf-8")
    monkeypatch.chdir(tmp_path)  # where the path happens to lead
    plugins = plugins_with(_pack_plugin(path))
    with pytest.raises(PluginError) as error:
        load_policy(_extending(tmp_path / "packs"), plugins=plugins)
    message = str(error.value)
    assert "plugin 'acme'" in message
    assert "'acme/base'" in message
    assert "relative path" in message
    assert "Path(__file__).parent" in message
    assert error.value.plugins == ("acme",)


def test_a_pack_whose_path_is_missing_names_the_pack(tmp_path: Path) -> None:
    plugins = plugins_with(_pack_plugin(tmp_path / "gone" / "base.yaml"))
    with pytest.raises(PolicyError) as error:
        load_policy(_extending(tmp_path), plugins=plugins)
    assert "'acme/base'" in str(error.value)
    assert "policy.yaml" in str(error.value)  # where it is extended


# --- a streaming channel whose acknowledge fails --------------------------------------------


def _acknowledge_fails(exc: Exception) -> type:
    class AcknowledgeFails:
        def read(self, source: str) -> Any:
            yield make_complaint("ack-1")
            yield make_complaint("ack-2")

        def acknowledge(self, records: object) -> None:
            raise exc

    return AcknowledgeFails


@pytest.mark.parametrize("exc", [ConnectionResetError("broker went away"), ValueError("bug")])
def test_a_failing_acknowledge_is_one_line_and_what_was_committed_stays(
    tmp_path: Path, exc: Exception
) -> None:
    plugins = plugins_with(_channel_plugin(_acknowledge_fails(exc)))
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    result = CliRunner().invoke(
        build_cli(plugins), ["--db", db, "intake", "--channel", "acme", "src"]
    )
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # no traceback
    assert "'acme'" in result.output
    assert "acknowledge" in result.output
    desk = Desk(storage=db)
    assert desk.storage.find_by_key("web", "ack-1") is not None
    assert desk.storage.find_by_key("web", "ack-2") is not None


# --- register_commands: a command that fails -------------------------------------------------


class Commands:
    @hookimpl
    def register_commands(self, cli: click.Group) -> None:
        @cli.command("boom")
        def boom() -> None:
            raise ValueError("the plugin's bug")

        @cli.command("leave")
        def leave() -> None:
            raise click.exceptions.Exit(3)


def test_a_plugin_command_that_raises_is_one_line_naming_plugin_and_command() -> None:
    cli = build_cli(plugins_with(Commands()))
    result = CliRunner().invoke(cli, ["boom"])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # no traceback
    assert "'boom'" in result.output
    assert "'acme'" in result.output
    assert "the plugin's bug" in result.output
    debug = CliRunner().invoke(cli, ["--debug", "boom"])
    assert isinstance(debug.exception, ValueError)  # --debug shows the traceback


def test_a_plugin_command_may_still_choose_its_exit_code() -> None:
    result = CliRunner().invoke(build_cli(plugins_with(Commands())), ["leave"])
    assert result.exit_code == 3


# --- a plugin operator failing on one case during a tick -------------------------------------


class Tiers:
    """``starts_with`` that fails on the tiers in ``failing``, as a plugin's bug would."""

    failing: ClassVar[set[str]] = set()

    @hookimpl
    def register_operators(self, register: Any) -> None:
        def factory(prefix: object) -> Callable[[object], bool]:
            def test(value: object) -> bool:
                if value in Tiers.failing:
                    raise ValueError(f"cannot read tier {value!r}")
                return str(value).startswith(str(prefix))

            return test

        register("starts_with", (factory, "a prefix"))


TICK_POLICY = """
complaintkit: 1
name: tiers
version: "1"
categories: {product: {label: Product}}
severities: {minor: {label: Minor}}
priorities: {normal: {label: Normal}}
teams: {desk: {label: Desk, default_owner: chen.jing}}
classification:
  - rules: []
    default: {category: product, severity: minor, priority: normal}
routing: {rules: [], default: {team: desk, owner: chen.jing}}
sla:
  warnings: []
  targets: [{first_response: 2h}]
escalation:
  ladders:
    - name: vip
      levels:
        - name: late
          trigger: {sla: first_response, elapsed: 1.0}
          when: {field: customer.tier, starts_with: "vip"}
          actions: [{add_tags: [late]}]
"""

TIERS = ("vip-1", "vip-broken", "vip-2", "vip-3")


@pytest.fixture
def ticking(tmp_path: Path) -> Generator[tuple[Desk, list[str], Path]]:
    policy = tmp_path / "policy.yaml"
    policy.write_text(TICK_POLICY, encoding="utf-8")
    plugins = plugins_with(Tiers())
    clock = ManualClock(datetime(2026, 11, 23, 1, tzinfo=UTC))
    desk = Desk(
        load_policy(policy, plugins),
        storage=f"sqlite:///{tmp_path / 'cases.db'}",
        clock=clock,
        plugins=plugins,
    )
    ids = [
        desk.intake(
            {
                "channel": "web",
                "external_id": tier,
                "received_at": "2026-11-23T09:00:00+08:00",
                "customer": {"id": tier, "tier": tier},
                "text": "no answer yet",
            }
        ).id
        for tier in TIERS
    ]
    clock.advance(timedelta(hours=3))
    Tiers.failing = {"vip-broken"}
    with desk.storage:
        yield desk, ids, policy
    Tiers.failing = set()


@pytest.mark.parametrize("batch", [1, 2, 500])
def test_a_case_a_plugin_fails_on_is_left_due_and_the_tick_goes_on(
    ticking: tuple[Desk, list[str], Path], batch: int
) -> None:
    desk, ids, _ = ticking
    report = desk.tick(batch=batch)
    broken = ids[TIERS.index("vip-broken")]
    assert [case_id for case_id, _ in report.failed] == [broken]
    assert "cannot read tier 'vip-broken'" in report.failed[0][1]
    assert report.escalations == 3
    for case_id in ids:
        assert ("late" in desk.get(case_id).tags) is (case_id != broken)
    Tiers.failing = set()  # the plugin fixed: the next tick brings the case up to date
    assert desk.tick(batch=batch).escalations == 1
    assert "late" in desk.get(broken).tags


def test_a_case_the_replan_under_a_new_version_fails_on_is_named_once(
    ticking: tuple[Desk, list[str], Path],
) -> None:
    """The re-plan leaves it as it was, still due, and the sweep fails on it again: the
    report names it once, as a case the tick could not bring up to date."""
    desk, ids, _ = ticking
    with desk.storage.hold_plan_mark():
        desk.storage.set_plan_mark(PlanMark("0"))  # planned by an earlier version
    report = desk.tick(batch=2)
    assert [case_id for case_id, _ in report.failed] == [ids[TIERS.index("vip-broken")]]
    assert report.escalations == 3


def test_the_tick_command_names_the_case_it_could_not_bring_up_to_date(
    ticking: tuple[Desk, list[str], Path],
) -> None:
    desk, ids, policy = ticking
    cli = build_cli(desk.plugins)
    db = f"sqlite:///{policy.parent / 'cases.db'}"
    now = desk.clock.now().isoformat()
    result = CliRunner().invoke(cli, ["--db", db, "--policy", str(policy), "tick", "--now", now])
    assert result.exit_code == 3
    assert isinstance(result.exception, SystemExit)  # no traceback
    assert ids[TIERS.index("vip-broken")] in result.output
    assert "3 escalation(s)" in result.output


def test_provisional_work_still_fails_on_the_case(ticking: tuple[Desk, list[str], Path]) -> None:
    desk, _, _ = ticking
    what_if = Desk(
        desk.policy, storage=desk.storage, clock=desk.clock, plugins=desk.plugins, provisional=True
    )
    with pytest.raises(PluginError, match="cannot read tier"):
        what_if.tick()


def test_an_operator_failing_on_a_case_is_named_with_its_plugin(
    ticking: tuple[Desk, list[str], Path],
) -> None:
    desk, _, _ = ticking
    report = desk.tick()
    assert "operator 'starts_with' from plugin 'acme'" in report.failed[0][1]
    with pytest.raises(PluginError, match="operator 'starts_with' from plugin 'acme'") as error:
        Desk(desk.policy, storage=desk.storage, plugins=desk.plugins, provisional=True).tick()
    assert error.value.plugins == ("acme",)


# --- a publisher whose publish_many answers the wrong shape ----------------------------------


def _publishing_policy(tmp_path: Path) -> Path:
    """The demo policy, also publishing every case event through the ``acme`` notifier."""
    text = DEMO_POLICY.read_text(encoding="utf-8")
    notifiers = "    log: {type: log}"
    rules = '  rules:\n    - {"on": opened'
    assert notifiers in text
    assert rules in text
    text = text.replace(notifiers, f"{notifiers}\n    pub: {{type: acme}}")
    text = text.replace(rules, f"  publish: [pub]\n{rules}", 1)
    path = tmp_path / "publishing.yaml"
    path.write_text(text, encoding="utf-8")
    return path


class Publisher:
    answer: ClassVar[Callable[[list[object]], object]] = staticmethod(lambda items: [])
    published: ClassVar[list[str]] = []

    def send(self, message: object) -> None:
        pass

    def publish(self, event: object, delivery_id: str) -> None:
        Publisher.published.append(delivery_id)

    def publish_many(self, items: list[tuple[object, str]]) -> object:
        answer = Publisher.answer(list(items))
        if isinstance(answer, list) and len(answer) == len(items):
            Publisher.published.extend(delivery_id for _, delivery_id in items)
        return answer


@pytest.mark.parametrize(
    "answer",
    [
        lambda items: [],
        lambda items: None,
        lambda items: [None] * (len(items) + 1),
        lambda items: 7,
    ],
    ids=["too few", "None", "too many", "a number"],
)
def test_a_publish_many_answer_of_the_wrong_shape_fails_that_run_not_the_pass(
    tmp_path: Path, answer: Callable[[list[object]], object]
) -> None:
    plugins = plugins_with(_notifier_plugin(Publisher))
    desk = Desk(
        load_policy(_publishing_policy(tmp_path), plugins),
        storage=f"sqlite:///{tmp_path / 'cases.db'}",
        plugins=plugins,
    )
    desk.intake(make_complaint("a"))
    Publisher.answer = staticmethod(answer)
    Publisher.published = []
    report = desk.deliver()
    assert report.retrying > 0  # the events wait for the next pass; the messages went
    assert report.delivered > 0
    Publisher.answer = staticmethod(lambda items: [None] * len(items))
    later = desk.deliver(desk.clock.now() + timedelta(days=1))
    assert later.retrying == 0
    assert len(set(Publisher.published)) == later.delivered


# --- an installed plugin that cannot be loaded ------------------------------------------------

BROKEN_MODULES = {
    "import fails": 'raise ImportError("needs acme-sdk >= 2")\n',
    "unknown hook": "import complaintkit\n\n\n@complaintkit.hookimpl\ndef register_storages(register):\n    pass\n",
    "wrong argument": "import complaintkit\n\n\n@complaintkit.hookimpl\ndef register_storage(reg):\n    pass\n",
    # it ended every command, --help and intake too, at once with exit code 0 and no word
    "exits on import": 'import sys\n\nsys.exit("acme needs a licence key")\n',
    "exits 0 on import": "import sys\n\nsys.exit(0)\n",
}


@pytest.fixture(params=list(BROKEN_MODULES.values()), ids=list(BROKEN_MODULES))
def installed_broken(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """An installed distribution whose ``complaintkit`` entry point ``acme-broken`` is bad."""
    module = f"acme_broken_{len(request.node.name)}_{abs(hash(request.node.name))}"
    (tmp_path / f"{module}.py").write_text(request.param, encoding="utf-8")
    info = tmp_path / "acme_broken-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-broken\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[complaintkit]\nacme-broken = {module}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    return "acme-broken"


def test_an_installed_plugin_that_cannot_load_is_a_plugin_error_naming_it(
    installed_broken: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(PluginError) as error:
        plugin_manager()
    assert f"'{installed_broken}'" in str(error.value)
    assert "(distribution acme-broken 1.0)" in str(error.value)
    assert "COMPLAINTKIT_DISABLE_PLUGINS" in str(error.value)
    assert error.value.plugins == (installed_broken,)
    with pytest.raises(SystemExit) as exited:
        main(["plugins"])
    assert exited.value.code == 1
    assert "(distribution acme-broken 1.0)" in capsys.readouterr().err
    monkeypatch.setenv("COMPLAINTKIT_DISABLE_PLUGINS", installed_broken)
    assert not plugin_manager().has_plugin(installed_broken)


#: What each kind of hook that does not fit is told, in complaintkit's words (pluggy's were
#: three lines about hookimpls and hookspecs, and a module's repr).
MISFITS = {
    "unknown hook": "it implements register_storages, which is no complaintkit hook: "
    "did you mean register_storage?",
    "wrong argument": "its register_storage(reg) takes reg, which complaintkit never passes: "
    "register_storage is called with register",
}


def test_an_installed_plugin_that_cannot_load_is_told_in_one_line(
    installed_broken: str, request: pytest.FixtureRequest
) -> None:
    with pytest.raises(PluginError) as error:
        plugin_manager()
    assert "\n" not in str(error.value)
    assert MISFITS.get(request.node.callspec.id, "") in str(error.value)


# --- async code where complaintkit calls synchronously ---------------------------------------


class AsyncNotifier:
    async def send(self, message: object) -> None:
        raise AssertionError("never awaited: the message would be counted as sent")


class AsyncPublisher:
    def send(self, message: object) -> None:
        pass

    async def publish(self, event: object, delivery_id: str) -> None:
        raise AssertionError("never awaited")


class AsyncChannel:
    async def read(self, source: str) -> Any:
        yield make_complaint("a")


@pytest.mark.parametrize("factory", [AsyncNotifier, AsyncPublisher])
def test_an_async_notifier_is_refused_before_a_message_is_lost(factory: object) -> None:
    plugins = plugins_with(_notifier_plugin(factory))
    with pytest.raises(PluginError, match="async") as error:
        plugins.notifier("acme", {}, None)
    assert "register_notifiers" in str(error.value)


def test_an_async_channel_is_refused_naming_it(tmp_path: Path) -> None:
    cli = build_cli(plugins_with(_channel_plugin(AsyncChannel)))
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    result = CliRunner().invoke(cli, ["--db", db, "intake", "--channel", "acme", "source"])
    assert result.exit_code == 1
    assert "register_channels" in result.output
    assert "async" in result.output


class AsyncListener:
    @hookimpl
    async def case_event(self, event: CaseEvent) -> None:
        raise AssertionError("never awaited: the plugin would silently hear nothing")


def test_an_async_hook_implementation_is_a_plugin_error_naming_plugin_and_hook() -> None:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(AsyncListener(), name="acme")
    with pytest.raises(PluginError, match="async") as error:
        Plugins(pm)
    assert "case_event" in str(error.value)
    assert error.value.plugins == ("acme",)


# --- a channel named like a dead letter's own kinds ------------------------------------------


@pytest.mark.parametrize("name", [*sorted(RESERVED_CHANNEL_NAMES), "acme:v2"])
def test_a_channel_named_like_a_kind_of_dead_letter_is_refused(name: str, tmp_path: Path) -> None:
    class Empty:
        def read(self, source: str) -> Any:
            return iter(())

    class Named:
        @hookimpl
        def register_channels(self, register: Any) -> None:
            register(name, Empty)

    cli = build_cli(plugins_with(Named()))
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    result = CliRunner().invoke(cli, ["--db", db, "intake", "--channel", name, "source"])
    assert result.exit_code == 1
    assert "'acme'" in result.output
    assert "register_channels" in result.output


def test_the_reserved_channel_names_are_the_dead_letter_kinds() -> None:
    assert {READ, DELIVERY_PREFIX.removesuffix(":"), "http"} == RESERVED_CHANNEL_NAMES


NOTIFY_POLICY = """
complaintkit: 1
name: tiers
version: "1"
categories: {product: {label: Product}}
severities: {minor: {label: Minor}}
priorities: {normal: {label: Normal}}
teams: {desk: {label: Desk, default_owner: chen.jing}}
classification:
  - rules: []
    default: {category: product, severity: minor, priority: normal}
routing: {rules: [], default: {team: desk, owner: chen.jing}}
templates:
  late: {en: {subject: "{case.id} is late", body: "We are late, sorry."}}
sla:
  warnings: []
  targets: [{first_response: 2h}]
notifications:
  notifiers: {log: {type: log}}
  rules:
    - "on": sla_breached
      notify: [customer]
      via: log
      template: late
      when: {field: customer.tier, starts_with: "vip"}
"""


@pytest.mark.parametrize("batch", [1, 2, 500])
def test_a_case_a_notification_rule_fails_on_is_brought_up_to_date_without_its_letter(
    tmp_path: Path, batch: int, request: pytest.FixtureRequest
) -> None:
    """The rule's condition is read as the tick saves a batch with what it sends: failing on
    one case, it failed the whole tick, and no case of the store was ever recorded late.
    Then it left that case due, its breach unrecorded for want of one letter; now the
    breach is recorded and the letter alone is a dead letter naming the plugin."""
    policy = tmp_path / "policy.yaml"
    policy.write_text(NOTIFY_POLICY, encoding="utf-8")
    plugins = plugins_with(Tiers())
    clock = ManualClock(datetime(2026, 11, 23, 1, tzinfo=UTC))
    desk = Desk(
        load_policy(policy, plugins),
        storage=f"sqlite:///{tmp_path / 'cases.db'}",
        clock=clock,
        plugins=plugins,
    )
    request.addfinalizer(desk.storage.close)
    ids = {
        tier: desk.intake(
            {
                "channel": "web",
                "external_id": tier,
                "received_at": "2026-11-23T09:00:00+08:00",
                "customer": {"id": tier, "tier": tier, "contact": f"{tier}@shop.example"},
                "text": "no answer yet",
            }
        ).id
        for tier in TIERS
    }
    clock.advance(timedelta(hours=3))
    Tiers.failing = {"vip-broken"}
    try:
        report = desk.tick(batch=batch)
    finally:
        Tiers.failing = set()
    broken = ids["vip-broken"]
    assert (report.failed, report.breaches) == ((), 4)
    sent = sorted(d.outgoing.case_id for d in desk.storage.deliveries())
    assert sent == sorted(case_id for case_id in ids.values() if case_id != broken)
    assert desk.get(broken).next_deadline is None  # its breach is recorded
    (letter,) = desk.storage.dead_letters()
    assert letter.source == "notify:log"
    assert broken in letter.raw.decode()
    assert "cannot read tier 'vip-broken'" in letter.reason
    assert "'acme'" in letter.reason
    assert desk.tick(batch=batch).breaches == 0


# --- case_event: the log names the plugin that failed -----------------------------------------


class Quiet:
    """A ``case_event`` implementation that hears every event and never fails."""

    @hookimpl
    def case_event(self, event: CaseEvent) -> None:
        pass


class FailingListener:
    @hookimpl
    def case_event(self, event: CaseEvent) -> None:
        raise KeyError("ticket")


@pytest.mark.parametrize(
    "failing", [FailingListener(), OuterWrapper()], ids=["plain", "outer wrapper"]
)
def test_a_failing_case_event_is_logged_naming_its_plugin_and_the_hook(
    failing: object, caplog: pytest.LogCaptureFixture
) -> None:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Quiet(), name="quiet")
    pm.register(failing, name="acme-crm")
    pm.register(Quiet(), name="quieter")
    desk = Desk(storage="memory:", plugins=Plugins(pm))
    with caplog.at_level(logging.ERROR, logger="complaintkit.builtin.lifecycle"):
        desk.intake(make_complaint("a"))
    (first, *_) = [r for r in caplog.records if r.name == "complaintkit.builtin.lifecycle"]
    message = first.getMessage()
    assert "plugin 'acme-crm' (case_event) failed handling the opened event" in message
    assert "quiet" not in message

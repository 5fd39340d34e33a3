"""Plugin code raising what cannot be read as text (an exception whose ``__str__`` raises,
``ValueError(10**5000)`` whose message has too many digits to print) at each remaining
seam: the error there still names the plugin and what failed, instead of the error of
writing that error ("ValueError: Exceeds the limit (4300 digits)...")."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner

from complaintkit.api.app import create_app
from complaintkit.cli import build_cli
from complaintkit.compensation import section
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput, PluginError, PolicyError
from complaintkit.hookspecs import hookimpl
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.server import running_server
from complaintkit.testing.storage_contract import make_complaint
from loopback import loopback_client
from test_plugin_seams import _voucher_policy

AT = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


class Unsayable(Exception):
    def __str__(self) -> str:
        raise RuntimeError("str of the error broke")


ERRORS: dict[str, Exception] = {"unsayable": Unsayable(), "huge-message": ValueError(10**5000)}


class Raising:
    """Raises the error of the test it is in, whatever is asked of it."""

    error: ClassVar[list[Exception]] = []

    def __call__(self, *args: object, **kwargs: object) -> Any:
        raise self.error[0]


@pytest.fixture(params=ERRORS)
def error(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Exception:
    monkeypatch.setattr(Raising, "error", [ERRORS[request.param]])
    return ERRORS[request.param]


def plugins_with(plugin: object) -> Plugins:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(plugin, name="acme")
    return Plugins(pm)


# --- an installed plugin raising as it is imported --------------------------------------------


@pytest.mark.parametrize(
    "raised", ["ValueError(10**5000)", "type('U', (Exception,), {'__str__': lambda self: 1 / 0})()"]
)
def test_an_import_raising_unreadably_names_the_plugin(
    raised: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = f"acme_unreadable_{abs(hash(str(tmp_path)))}"
    (tmp_path / f"{module}.py").write_text(f"raise {raised}\n", encoding="utf-8")
    info = tmp_path / "acme_unreadable-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-unreadable\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[complaintkit]\nacme-unreadable = {module}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(PluginError) as refused:
        plugin_manager()
    assert "plugin 'acme-unreadable' (distribution acme-unreadable 1.0) could not be loaded" in (
        str(refused.value)
    )
    assert refused.value.plugins == ("acme-unreadable",)


# --- a formula: failing on a case, failing to build, failing to say its constant -------------


class FailingFormula:
    constant = None
    evaluate = Raising()

    def describe(self) -> str:
        return "acme's amount"


class UnreadableConstant:
    evaluate = Raising()

    def describe(self) -> str:
        return "acme's amount"

    @property
    def constant(self) -> object:
        raise Raising.error[0]


class UnreadableMethods:
    """A formula whose ``evaluate`` cannot even be looked up."""

    constant = None

    @property
    def evaluate(self) -> object:
        raise Raising.error[0]

    def describe(self) -> str:
        return "acme's amount"


def _formula_plugin(factory: object) -> object:
    class Acme:
        @hookimpl
        def register_formulas(self, register: Any) -> None:
            register("acme", factory)

    return Acme()


def test_a_formula_failing_unreadably_on_a_case_names_the_plugin(
    error: Exception, tmp_path: Path
) -> None:
    plugins = plugins_with(_formula_plugin(lambda spec, path, compiler: FailingFormula()))
    policy = load_policy(_voucher_policy(tmp_path), plugins=plugins)
    desk = Desk(policy, storage=f"sqlite:///{tmp_path / 'cases.db'}", plugins=plugins)
    case = desk.intake(make_complaint("a", text="the parcel never arrived"))
    with pytest.raises(InvalidInput) as refused:
        desk.decide_compensation(case.id)
    assert "from plugin 'acme' failed: " + type(error).__name__ in str(refused.value)
    assert desk.get(case.id).version == case.version


@pytest.mark.parametrize(
    "made",
    [lambda spec, path, compiler: UnreadableConstant(), Raising()],
    ids=["constant raises", "factory raises"],
)
def test_a_formula_unreadable_at_compile_is_a_policy_error_naming_the_plugin(
    error: Exception, made: object, tmp_path: Path
) -> None:
    plugins = plugins_with(_formula_plugin(made))
    with pytest.raises(PolicyError) as refused:
        load_policy(_voucher_policy(tmp_path), plugins=plugins)
    assert "formula 'acme' from plugin 'acme'" in str(refused.value)
    assert type(error).__name__ in str(refused.value)


def test_a_formula_whose_methods_cannot_be_looked_up_is_named_as_the_plugins(
    error: Exception, tmp_path: Path
) -> None:
    """It was a crash of the whole section, which asked to report a complaintkit bug."""
    plugins = plugins_with(_formula_plugin(lambda spec, path, compiler: UnreadableMethods()))
    with pytest.raises(PolicyError) as refused:
        load_policy(_voucher_policy(tmp_path), plugins=plugins)
    assert f"formula 'acme' from plugin 'acme' failed: {type(error).__name__}" in str(refused.value)


def test_a_section_crashing_unreadably_is_still_a_located_problem(
    error: Exception, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(section, "compile", Raising())
    with pytest.raises(PolicyError) as refused:
        load_policy(_voucher_policy(tmp_path))
    assert "the compensation section could not be compiled" in str(refused.value)
    assert type(error).__name__ in str(refused.value)


# --- the HTTP API and the customer form, behind a Desk that raised ---------------------------


class FailingDesk(Desk):
    """A Desk whose intake raised what a plugin raised (an application's own Desk)."""

    intake_many = Raising()


def _served_desk(tmp_path: Path) -> FailingDesk:
    return FailingDesk(None, storage=f"sqlite:///{tmp_path / 'cases.db'}")


def test_the_api_keeps_a_body_refused_unreadably_with_the_reason(
    error: Exception, tmp_path: Path
) -> None:
    desk = _served_desk(tmp_path)
    body = {"external_id": "J-1", "customer": {"id": "c"}, "text": "late"}
    with (
        desk.storage,
        running_server(create_app(desk)) as url,
        loopback_client(base_url=url) as client,
    ):
        answer = client.post("/complaints", json=body)
        assert answer.status_code == 422
        (kept,) = desk.storage.dead_letters()
    assert type(error).__name__ in kept.reason


def test_the_form_keeps_a_complaint_refused_unreadably_with_the_reason(
    error: Exception, tmp_path: Path
) -> None:
    desk = _served_desk(tmp_path)
    with (
        desk.storage,
        running_server(create_app(desk)) as url,
        loopback_client(base_url=url) as client,
    ):
        page = client.post("/?lang=en", data={"text": "late"}, headers={"Accept": "text/html"})
        assert page.status_code < 500
        (kept,) = desk.storage.dead_letters()
    assert type(error).__name__ in kept.reason


# --- dead-letters retry through a plugin channel ---------------------------------------------


class UnreadableChannel:
    @property
    def read_letter(self) -> object:
        raise Raising.error[0]

    def read(self, source: str) -> Any:
        yield from ()


class ChannelPlugin:
    @hookimpl
    def register_channels(self, register: Any) -> None:
        register("acme", UnreadableChannel)


def test_a_retry_through_a_channel_failing_unreadably_refuses_that_letter(
    error: Exception, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    with SQLiteStorage(db) as storage:
        storage.dead_letter("acme:in:1", b"{}", "first reading failed", AT)
    cli = build_cli(plugins_with(ChannelPlugin()))
    retried = CliRunner().invoke(cli, ["--db", db, "dead-letters", "retry", "--all", "--json"])
    assert retried.exit_code == 3, retried.output
    (outcome,) = json.loads(retried.stdout)
    assert outcome["outcome"] == "refused"
    assert type(error).__name__ in outcome["reason"]

"""Mistakes a plugin author from another organisation plausibly makes, following
docs/plugins.md: each is a clear error naming the plugin (and its hook) where it is made,
not a traceback, a message retried for hours, or a policy error about something else."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.compensation.formulas import FormulaCompiler, formula_registry
from complaintkit.desk import Desk
from complaintkit.errors import ConfigError, PluginError
from complaintkit.hookspecs import hookimpl
from complaintkit.options import build
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import operator_registry
from complaintkit.storage.memory import MemoryStorage
from complaintkit.testing.storage_contract import make_complaint


def plugins_with(plugin: object, name: str = "acme") -> Plugins:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(plugin, name=name)
    return Plugins(pm)


def registering(hook: str, name: str, value: object) -> object:
    class Acme:
        pass

    def provide(self: object, register: Any) -> None:
        register(name, value)

    provide.__name__ = hook
    setattr(Acme, hook, hookimpl(provide))
    return Acme()


# --- the methods complaintkit calls on what a factory built ----------------------------------


class ReadWithoutSource:
    def read(self) -> Any:  # the source forgotten: intake calls read(source)
        yield make_complaint("a")


class SendTakingParts:
    def send(self, to: str, subject: str, body: str) -> None:  # not send(message)
        pass


class PublishWithoutId:
    def send(self, message: object) -> None:
        pass

    def publish(self, event: object) -> None:  # publish(event, delivery_id)
        pass


class AcknowledgeEach:
    def read(self, source: str) -> Any:
        yield make_complaint("a")

    def acknowledge(self) -> None:  # acknowledge(records)
        pass


def test_a_channel_whose_read_takes_no_source_is_one_line_naming_plugin_and_hook(
    tmp_path: Path,
) -> None:
    cli = build_cli(plugins_with(registering("register_channels", "acme", ReadWithoutSource)))
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    result = CliRunner().invoke(cli, ["--db", db, "intake", "--channel", "acme", "source"])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # no traceback
    assert "'acme'" in result.output
    assert "register_channels" in result.output
    assert "read(source)" in result.output


class ReadForgettingToYield:
    def read(self, source: str) -> None:
        make_complaint("a")  # built, never yielded: read returns None


class ReadReturningOne:
    def read(self, source: str) -> Any:
        return make_complaint("a")


@pytest.mark.parametrize("factory", [ReadForgettingToYield, ReadReturningOne])
def test_a_read_that_returns_no_records_is_the_plugins_bug_not_the_sources(
    factory: object, tmp_path: Path
) -> None:
    """It was "the channel could not read its source: TypeError: 'NoneType' object is not
    iterable", sending the user to look at a source that is fine."""
    cli = build_cli(plugins_with(registering("register_channels", "acme", factory)))
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    result = CliRunner().invoke(cli, ["--db", db, "intake", "--channel", "acme", "source"])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "plugin 'acme' (register_channels): read() returned a" in result.output
    assert "could not read its source" not in result.output


class ReadReturningText:
    def read(self, source: str) -> Any:
        return '{"external_id": "a"}\n{"external_id": "b"}\n'  # the file, not its records


class ReadReturningBytes:
    def read(self, source: str) -> Any:
        return b'{"external_id": "a"}\n'


class ReadReturningMapping:
    def read(self, source: str) -> Any:
        return {"a": make_complaint("a"), "b": make_complaint("b")}  # keyed by id


@pytest.mark.parametrize("factory", [ReadReturningText, ReadReturningBytes, ReadReturningMapping])
def test_a_read_returning_text_bytes_or_a_mapping_is_the_plugins_bug_not_a_letter_each(
    factory: object, tmp_path: Path
) -> None:
    """Text, bytes and a mapping are iterable, so a read returning one was taken one
    character, one byte or one key at a time: a dead letter for each (a 1 MB file, a
    million letters) and the run "done"."""
    cli = build_cli(plugins_with(registering("register_channels", "acme", factory)))
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    result = CliRunner().invoke(cli, ["--db", db, "intake", "--channel", "acme", "source"])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "plugin 'acme' (register_channels): read() returned a" in result.output
    counted = CliRunner().invoke(cli, ["--db", db, "dead-letters", "count", "--json"])
    assert json.loads(counted.output) == [], counted.output  # no source holds a letter


@pytest.mark.parametrize(
    ("factory", "call"),
    [(SendTakingParts, "send(message)"), (PublishWithoutId, "publish(event, delivery_id)")],
)
def test_a_notifier_method_that_cannot_take_what_is_sent_is_refused_when_built(
    factory: object, call: str
) -> None:
    """Else every attempt fails with a TypeError, retried with backoff for hours before
    the message is dead-lettered."""
    plugins = plugins_with(registering("register_notifiers", "acme", factory))
    with pytest.raises(PluginError) as error:
        plugins.notifier("acme", {}, None)
    assert "'acme'" in str(error.value)
    assert "register_notifiers" in str(error.value)
    assert call in str(error.value)
    assert error.value.plugins == ("acme",)


def test_an_acknowledge_that_cannot_take_the_records_is_refused_before_reading() -> None:
    plugins = plugins_with(registering("register_channels", "acme", AcknowledgeEach))
    desk = Desk(storage="memory:", plugins=plugins)
    with pytest.raises(PluginError, match=r"acknowledge\(records\)"):
        plugins.channel("acme", {}, desk.context)


class Flexible:
    def read(self, source: str, *more: object, encoding: str = "utf-8") -> Any:
        yield make_complaint("a")

    def acknowledge(self, *records: object) -> None:
        pass


class Publishing:
    def send(self, message: object, *, timeout: float = 5.0) -> None:
        pass

    def publish(self, *args: object) -> None:
        pass

    def publish_many(self, items: object) -> list[None]:
        return []


def test_methods_taking_more_than_complaintkit_passes_are_accepted() -> None:
    channels = plugins_with(registering("register_channels", "acme", Flexible))
    desk = Desk(storage="memory:", plugins=channels)
    assert isinstance(channels.channel("acme", {}, desk.context), Flexible)
    notifiers = plugins_with(registering("register_notifiers", "acme", Publishing))
    assert isinstance(notifiers.notifier("acme", {}, None), Publishing)


# --- options given as text with -o ---------------------------------------------------------


class Paged:
    def __init__(self, limit: int = 10, follow: bool = False, ratio: float = 1.0) -> None:
        self.limit, self.follow, self.ratio = limit, follow, ratio

    def read(self, source: str) -> Any:
        yield make_complaint(f"{self.limit}-{self.follow}-{self.ratio}")


def test_intake_reads_o_options_as_the_types_the_factory_declares() -> None:
    """``-o limit=5`` was refused as "must be int (got '5')": every -o value is text, so
    no typed option could ever be given on the command line."""
    plugins = plugins_with(registering("register_channels", "paged", Paged))
    cli = build_cli(plugins)
    options = ["-o", "limit=5", "-o", "follow=yes", "-o", "ratio=0.5"]
    result = CliRunner().invoke(
        cli, ["--db", "memory:", "intake", "--channel", "paged", "src", *options]
    )
    assert result.exit_code == 0, result.output
    assert "1 taken in" in result.output


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"limit": "5"}, (5, False, 1.0)),
        ({"limit": "-12"}, (-12, False, 1.0)),
        ({"follow": "Yes"}, (10, True, 1.0)),
        ({"follow": "off"}, (10, False, 1.0)),
        ({"ratio": "0.25"}, (10, False, 0.25)),
        ({"ratio": "3"}, (10, False, 3.0)),
    ],
)
def test_a_text_option_that_is_exactly_its_declared_type_is_read_as_it(
    options: dict[str, str], expected: tuple[object, ...]
) -> None:
    built = build(Paged, options, None, "channel 'paged'")
    assert (built.limit, built.follow, built.ratio) == expected
    assert [type(v) for v in (built.limit, built.follow, built.ratio)] == [int, bool, float]


@given(st.integers(), st.floats(allow_nan=False, allow_infinity=False))
def test_a_number_written_as_text_is_read_back_exactly(limit: int, ratio: float) -> None:
    built = build(Paged, {"limit": str(limit), "ratio": repr(ratio)}, None, "channel 'paged'")
    assert (built.limit, built.ratio) == (limit, ratio)


@pytest.mark.parametrize(
    "options",
    [
        {"limit": "five"},
        {"limit": "5.0"},
        {"limit": "1_000"},
        {"limit": "\uff15"},
        {"limit": ""},
        {"follow": "maybe"},
        {"ratio": "nan"},
        {"ratio": "inf"},
        {"ratio": "1,5"},
    ],
)
def test_a_text_option_that_is_not_its_declared_type_is_named(options: dict[str, str]) -> None:
    ((name, value),) = options.items()
    with pytest.raises(ConfigError, match=rf"option '{name}' of channel 'paged'") as error:
        build(Paged, options, None, "channel 'paged'")
    assert repr(value) in str(error.value)


# --- names a policy cannot use -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["match", "except"])
def test_an_operator_named_like_a_keyword_option_is_refused_naming_the_plugin(name: str) -> None:
    """``{field: customer.tier, match: gold}`` was refused by the policy schema as a
    keyword option ('gold' is not one of word, prefix, substring): the operator registered
    fine and could never be used."""
    plugin = registering("register_operators", name, lambda argument: lambda value: True)
    with pytest.raises(PluginError, match=rf"'{name}'") as error:
        operator_registry(plugins_with(plugin))
    assert error.value.plugins == ("acme",)


@pytest.mark.parametrize("name", ["of", "default", "amount", "currency"])
def test_a_formula_named_like_a_key_of_the_built_in_formulas_is_refused(name: str) -> None:
    """A formula named ``default`` made ``{multiple: 3, of: loss, default: 0}`` a formula of
    two kinds: every built-in formula writing that key became a policy error."""
    plugin = registering("register_formulas", name, lambda spec, path, compiler: None)
    with pytest.raises(PluginError, match=rf"'{name}'") as error:
        FormulaCompiler("CNY", registry=formula_registry(plugins_with(plugin)))
    assert error.value.plugins == ("acme",)


class VersionAsText(MemoryStorage):
    @classmethod
    def stored_version(cls, url: str) -> Any:
        return "13"  # not a number: migrate would compare and print it as one


def test_a_stored_version_that_is_no_version_is_refused_naming_the_plugin() -> None:
    plugins = plugins_with(registering("register_storage", "scratch", VersionAsText))
    result = CliRunner().invoke(build_cli(plugins), ["--db", "scratch:", "migrate", "--json"])
    assert result.exit_code == 1, result.output
    error = json.loads(result.output)["error"]
    assert error["type"] == "PluginError"
    assert "acme" in error["message"]
    assert "stored_version" in error["message"]


def test_migrate_on_a_backend_that_cannot_say_its_version_migrates_and_says_so() -> None:
    result = CliRunner().invoke(build_cli(), ["--db", "memory:", "migrate", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"schema_version": None, "was": None}

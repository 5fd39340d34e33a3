"""Plugin factories get checked options and, if they ask, the plugin context."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar

import click
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.cli.context import pass_plugin_context
from complaintkit.desk import Desk
from complaintkit.desk.context import PluginContext
from complaintkit.errors import ConfigError
from complaintkit.hookspecs import hookimpl
from complaintkit.notify.smtp import SmtpNotifier
from complaintkit.notify.webhook import WebhookNotifier
from complaintkit.options import build, yes_or_no
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage


def test_unknown_option_is_a_config_error_naming_it_and_the_known_ones() -> None:
    with pytest.raises(
        ConfigError,
        match=(
            r"notifier 'smtp' has no option 'hots'; did you mean host=localhost\?; "
            r"its options are: sender, host, port"
        ),
    ):
        build(SmtpNotifier, {"hots": "localhost"}, None, "notifier 'smtp'")


class Retrying:
    def __init__(self, url: str, retries: int = 3) -> None:
        self.url, self.retries = url, retries


def test_ill_typed_option_is_a_config_error_naming_it() -> None:
    with pytest.raises(
        ConfigError, match=r"option 'retries' of notifier 'hook' must be int \(got 'x'\)"
    ):
        build(Retrying, {"url": "http://127.0.0.1/", "retries": "x"}, None, "notifier 'hook'")


def test_true_is_not_a_number_of_retries() -> None:
    with pytest.raises(ConfigError, match="option 'retries'"):
        build(Retrying, {"url": "http://127.0.0.1/", "retries": True}, None, "notifier 'hook'")


def test_missing_required_option_is_named() -> None:
    with pytest.raises(ConfigError, match="notifier 'hook' needs the option\\(s\\) 'url'"):
        build(Retrying, {}, None, "notifier 'hook'")


class Tagged:
    """A channel factory that asks for the context."""

    def __init__(self, context: PluginContext, prefix: str = "") -> None:
        self.context = context
        self.prefix = prefix


def test_factory_declaring_context_gets_it() -> None:
    desk = Desk(storage="memory:", plugins=Plugins(plugin_manager(load_entrypoints=False)))
    built = build(Tagged, {"prefix": "x"}, desk.context, "channel 'tagged'")
    assert built.context.desk is desk
    assert built.context.storage is desk.storage
    assert built.prefix == "x"


def test_context_is_not_an_option() -> None:
    with pytest.raises(ConfigError, match="has no option 'context'"):
        build(Tagged, {"context": 1}, None, "channel 'tagged'")


def test_intake_with_an_unknown_channel_option_names_it_as_a_usage_error(tmp_path: Path) -> None:
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    source = tmp_path / "in.jsonl"
    source.write_text("", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", "memory:", "intake", str(source), "-o", "bogus=1"])
    assert result.exit_code == 2
    assert "channel 'jsonl' has no option 'bogus'" in result.output


def test_intake_with_an_unknown_channel_option_answers_json_as_a_usage_error(
    tmp_path: Path,
) -> None:
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    source = tmp_path / "in.csv"
    source.write_text("a,b\n1,2\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["--db", "memory:", "intake", "--json", "--channel", "csv", "-o", "nosuch=1", str(source)],
    )
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert error["exit_code"] == 2
    assert "'nosuch'" in error["message"]


class Overdue:
    """A plugin command that reaches the configured Desk through the context."""

    seen: ClassVar[list[Any]] = []

    @hookimpl
    def register_commands(self, cli: click.Group) -> None:
        @cli.command("overdue")
        @pass_plugin_context
        def overdue(context: PluginContext) -> None:
            Overdue.seen.append(context)
            click.echo(f"{len(context.desk.find())} cases in {context.configuration['db']}")


def test_plugin_command_gets_the_context_and_is_listed(tmp_path: Path) -> None:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Overdue(), name="overdue-plugin")
    plugins = Plugins(pm)
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    SQLiteStorage(url).close()
    result = CliRunner().invoke(build_cli(plugins), ["--db", url, "overdue"])
    assert result.exit_code == 0, result.output
    assert result.output == f"0 cases in {url}\n"
    assert isinstance(Overdue.seen[-1].desk, Desk)
    listed = CliRunner().invoke(build_cli(plugins), ["plugins"])
    assert "overdue-plugin" in listed.output
    assert "provides command overdue" in listed.output


def test_a_notifier_taking_the_context_has_its_options_checked_too() -> None:
    """The webhook notifier names PluginContext only for type checking: its hints did not
    resolve, so its options went unchecked and a typo failed as the plugin's TypeError."""
    with pytest.raises(ConfigError, match=r"notifier 'webhook' has no option 'secert'"):
        build(
            WebhookNotifier,
            {"url": "http://127.0.0.1:9/hook", "secert": "s"},
            None,
            "notifier 'webhook'",
        )


_FLAG_WORDS = {"true": True, "yes": True, "on": True, "1": True}
_FLAG_WORDS |= {"false": False, "no": False, "off": False, "0": False}


@given(st.sampled_from(sorted(_FLAG_WORDS)), st.data())
def test_a_flag_is_read_in_any_case(word: str, data: st.DataObject) -> None:
    upper = data.draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
    written = "".join(c.upper() if up else c for c, up in zip(word, upper, strict=True))
    assert yes_or_no(f" {written} ", "x") is _FLAG_WORDS[word]


@pytest.mark.parametrize("value", ["maybe", "", "2", 1, None, ["yes"]])
def test_a_flag_that_is_neither_yes_nor_no_is_named(value: Any) -> None:
    with pytest.raises(ConfigError, match=r"^smtp notifier: starttls must be yes or no"):
        yes_or_no(value, "smtp notifier: starttls")


class Budgeted:
    """A factory taking the context, with one option annotated by a type it imports for type
    checking only (``if TYPE_CHECKING: from decimal import Decimal``)."""

    def __init__(self, context: PluginContext, channel: str, budget: object = None) -> None:
        self.context, self.channel, self.budget = context, channel, budget


Budgeted.__init__.__annotations__["budget"] = "Decimal | None"  # unresolvable at run time


def test_an_option_annotated_with_a_type_checking_only_name_still_gets_the_context() -> None:
    context = object()
    built = build(Budgeted, {"channel": "#care", "budget": "12.50"}, context, "notifier 'pager'")
    assert built.context is context
    assert (built.channel, built.budget) == ("#care", "12.50")


def test_the_options_that_resolve_are_checked_beside_one_that_does_not() -> None:
    with pytest.raises(ConfigError, match=r"option 'channel' of notifier 'pager' must be str"):
        build(Budgeted, {"channel": 5}, object(), "notifier 'pager'")
    with pytest.raises(ConfigError, match=r"notifier 'pager' has no option 'chanel'"):
        build(Budgeted, {"chanel": "#care"}, object(), "notifier 'pager'")

"""The hint for an unknown option names what a slip meant, as every other hint does
(``policy.typos.close_matches``), comparing names without their leading dashes: click
scored them with the dashes every name shares, and offered ``--by`` for ``--days`` and
``--json`` for ``--ow``."""

from __future__ import annotations

import json
import re

import click
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.typos import close_matches

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))


def _commands(command: click.Command, path: tuple[str, ...]) -> list[tuple[str, ...]]:
    found = [path]
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            found += _commands(sub, (*path, name))
    return found


COMMANDS = _commands(CLI, ())


def _long_names(path: tuple[str, ...]) -> list[str]:
    command: click.Command = CLI
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    with click.Context(command) as ctx:
        params = command.get_params(ctx)
    return [o for p in params for o in (*p.opts, *p.secondary_opts) if o.startswith("--")]


def _offered(path: tuple[str, ...], typed: str, as_json: bool = False) -> list[str]:
    """The options the error for ``--typed`` offers."""
    args = ["--db", "memory:", *path, f"--{typed}"]
    result = CliRunner().invoke(CLI, [*args, *(["--json"] if as_json else [])])
    assert result.exit_code == 2, result.output
    if as_json:
        line = json.loads(result.stdout)["error"]["message"]
    else:
        line = result.stderr.splitlines()[-1]
    names = re.findall(r"'(--[^']*)'", line)
    assert names[0] == f"--{typed}", line  # it names what was typed first
    return names[1:]


@pytest.mark.parametrize(
    ("path", "typed", "meant"),
    [
        (("report",), "days", []),
        (("report",), "xy", []),
        (("cases", "list"), "ow", []),
        (("report",), "sicne", ["--since"]),
        (("report",), "jsn", ["--json"]),
        (("cases", "list"), "lmiit", ["--limit"]),
        (("tick",), "nwo", ["--now"]),
        ((), "polciy", ["--policy"]),
    ],
)
def test_an_unknown_option_is_offered_what_a_slip_meant(
    path: tuple[str, ...], typed: str, meant: list[str]
) -> None:
    assert _offered(path, typed) == meant
    assert _offered(path, typed, as_json=bool(path)) == meant


@settings(max_examples=150, deadline=None)
@given(
    path=st.sampled_from(COMMANDS),
    typed=st.text(alphabet="abcdeijlmnoprstuvwy-", min_size=1, max_size=9),
)
def test_every_option_offered_is_one_the_nearest_name_helper_finds(
    path: tuple[str, ...], typed: str
) -> None:
    names = _long_names(path)
    if f"--{typed}" in names or typed.startswith("-"):
        return
    bare = {name[2:]: name for name in names}
    expected = [bare[name] for name in close_matches(typed, list(bare), n=1)]
    assert _offered(path, typed) == expected

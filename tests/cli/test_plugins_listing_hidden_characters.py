"""``complaintkit plugins`` shows a plugin's name as the other listings show stored text:
a control or bidi character in it (an entry point's name, chosen by whoever wrote the
distribution) is an escape, never acted on by the terminal, and a line break in it starts
no line that reads as another plugin's. ``--json`` stays exact."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.hookspecs import hookimpl
from complaintkit.plugins import Plugins, plugin_manager


class Pager:
    def send(self, message: object) -> None:
        pass


class Acme:
    @hookimpl
    def register_notifiers(self, register: Any) -> None:
        register("acme-pager", Pager)


NAMES = [
    "ac\x1b]0;owned\x07me",
    "acme\ncomplaintkit.builtin.storage",
    "acme\u202egnp.exe",
    "ac\x9bme",
]


def _listing(name: str, *arguments: str) -> str:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Acme(), name=name)
    result = CliRunner().invoke(build_cli(Plugins(pm)), ["plugins", *arguments])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("name", NAMES)
def test_a_plugin_name_with_hidden_characters_is_shown_escaped(name: str) -> None:
    output = _listing(name)
    hidden = {c for c in name if not c.isprintable()}
    assert hidden, name
    assert not hidden - {"\n"} & set(output)  # the listing's own lines end in "\n"
    (line,) = [line for line in output.splitlines() if line.startswith("ac")]
    assert line == name.encode("unicode_escape").decode()


@pytest.mark.parametrize("name", NAMES)
def test_a_plugin_name_with_hidden_characters_is_exact_in_json(name: str) -> None:
    listed = json.loads(_listing(name, "--json"))
    assert name in [plugin["name"] for plugin in listed]

"""A channel whose ``read`` is a plain function (it parses its source whole and returns a
list) and raises doing so — a missing key, a bad value, a missing file, a parser that
recurses too deep — could not read its source, as a generator raising before its first
record could not: exit 1 naming the channel and its plugin. It escaped ``complaintkit
intake`` as a traceback, naming neither."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.errors import InvalidInput
from complaintkit.hookspecs import hookimpl
from complaintkit.model.complaint import Complaint
from complaintkit.plugins import Plugins, plugin_manager

ERRORS = [
    KeyError("ticket_id"),
    ValueError("invalid literal for int() with base 10: 'N/A'"),
    FileNotFoundError(2, "No such file or directory"),
    RecursionError("maximum recursion depth exceeded"),
]


def _plugins(error: Exception) -> Plugins:
    class Channel:
        def read(self, source: str) -> list[Any]:
            raise error

    class Acme:
        @hookimpl
        def register_channels(self, register: Any) -> None:
            register("tickets", Channel)

    pm = plugin_manager(load_entrypoints=False)
    pm.register(Acme(), name="acme")
    return Plugins(pm)


@pytest.mark.parametrize("error", ERRORS, ids=lambda error: type(error).__name__)
def test_a_read_raising_before_it_returns_names_the_channel_and_plugin(
    error: Exception, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    result = CliRunner().invoke(
        build_cli(_plugins(error)), ["--db", db, "intake", "--channel", "tickets", "export.csv"]
    )
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "channel 'tickets' of plugin 'acme' could not read its source" in result.output
    assert type(error).__name__ in result.output
    assert "Traceback" not in result.output


def _generator_plugins(error: Exception) -> Plugins:
    class Channel:
        def read(self, source: str) -> Iterator[Complaint]:
            yield from ()
            raise error

    class Acme:
        @hookimpl
        def register_channels(self, register: Any) -> None:
            register("tickets", Channel)

    pm = plugin_manager(load_entrypoints=False)
    pm.register(Acme(), name="acme")
    return Plugins(pm)


@pytest.mark.parametrize(
    "error",
    [*ERRORS, InvalidInput("text", "is 5,000,000 characters; the limit is 100,000")],
    ids=lambda error: type(error).__name__,
)
def test_a_generator_raising_before_its_first_record_names_the_channel_and_plugin(
    error: Exception, tmp_path: Path
) -> None:
    """It said "the channel could not read its source": which channel, whose code, unsaid
    (a plugin's own ``Complaint`` refused as it built it, too)."""
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    result = CliRunner().invoke(
        build_cli(_generator_plugins(error)),
        ["--db", db, "intake", "--channel", "tickets", "export.csv"],
    )
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "channel 'tickets' of plugin 'acme' could not read its source" in result.output
    assert type(error).__name__ in result.output

"""``report`` and ``replay`` each declared ``--since``/``--until`` with their own click
decorators, and drifted: ``replay --help`` did not say that ``--until 2026-12-01`` means
before that day begins, as ``report --help`` does. Both now take them from one decorator
(``day_option.since_until_options``), each naming what it selects."""

from __future__ import annotations

import click
import pytest

from complaintkit.cli import build_cli
from complaintkit.cli.day_option import day_or_instant


@pytest.mark.parametrize("name", ["report", "replay"])
def test_since_and_until_are_spelt_and_read_alike(name: str) -> None:
    command = build_cli().commands[name]
    ctx = click.Context(command)
    options = {p.name: p for p in command.get_params(ctx)}
    for option in ("since", "until"):
        param = options[option]
        assert isinstance(param, click.Option)
        assert param.metavar == "WHEN"
        assert param.callback is day_or_instant
        assert "2026-11-23" in (param.help or "")
    assert "before that day begins" in (options["until"].help or "")

"""``complaintkit serve --refusals-kept N --refusals-kept-period SECONDS``: how many refused
bodies an unsigned server keeps as dead letters per sender. ``create_app`` took the
allowance but ``serve`` had no option for it, so an operator could neither raise it for a
busy integration nor lower it; a value the allowance cannot be (none, negative, past what
memory should hold) is a usage error, exit 2, naming the option."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from complaintkit.api import app as api_app
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.errors import ConfigError
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.server import running_server
from loopback import loopback_client

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))


def _settings_served(monkeypatch: pytest.MonkeyPatch, *options: str) -> dict[str, Any]:
    """The keywords ``serve`` gives ``create_app``, stopping before it serves."""
    given: dict[str, Any] = {}

    def recorded(desk: Desk, **settings: Any) -> None:
        given.update(settings)
        raise ConfigError("stopped before serving")

    monkeypatch.setattr(api_app, "create_app", recorded)
    result = CliRunner().invoke(CLI, ["--db", "memory:", "serve", "--port", "0", *options])
    assert result.exit_code == 1, result.output
    return given


def test_serve_keeps_the_default_allowance_without_the_options(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    given = _settings_served(monkeypatch)
    assert (given["refusals_kept"], given["refusals_kept_period"]) == (20, timedelta(minutes=10))


def test_serve_hands_the_allowance_given_to_the_server(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    given = _settings_served(monkeypatch, "--refusals-kept", "3", "--refusals-kept-period", "60")
    assert (given["refusals_kept"], given["refusals_kept_period"]) == (3, timedelta(seconds=60))
    monkeypatch.undo()
    desk = Desk(storage=f"sqlite:///{tmp_path / 'cases.db'}")
    served = api_app.create_app(desk, **given)
    with desk.storage, running_server(served) as url, loopback_client(base_url=url) as client:
        answers = [client.post("/complaints", content=b"{not json") for _ in range(5)]
        assert [a.json().get("kept", True) for a in answers] == [True] * 3 + [False] * 2
        assert len(desk.storage.dead_letters()) == 3


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--refusals-kept", "0"),
        ("--refusals-kept", "-1"),
        ("--refusals-kept", "1001"),
        ("--refusals-kept", "9" * 40),
        ("--refusals-kept", "many"),
        ("--refusals-kept-period", "0"),
        ("--refusals-kept-period", "-5"),
        ("--refusals-kept-period", "86401"),
        ("--refusals-kept-period", "9" * 40),
    ],
)
def test_an_allowance_it_cannot_be_is_a_usage_error(option: str, value: str) -> None:
    result = CliRunner().invoke(
        CLI, ["--db", "memory:", "serve", "--host", "999.1.1.1", option, value]
    )
    assert result.exit_code == 2, result.output
    assert option in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert len(result.stderr) < 600

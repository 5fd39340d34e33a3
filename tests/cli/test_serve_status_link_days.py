"""``complaintkit serve --status-link-days N``: how long a status link shows a case that
ended (``api.link_lifetime``); none, a negative or a lifetime past 100 years is a usage
error, exit 2, naming the option."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from click.testing import CliRunner

from complaintkit.api import app as api_app
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.errors import ConfigError
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))


def _lifetime_served(monkeypatch: pytest.MonkeyPatch, *options: str) -> Any:
    given: dict[str, Any] = {}

    def recorded(desk: Desk, **settings: Any) -> None:
        given.update(settings)
        raise ConfigError("stopped before serving")

    monkeypatch.setattr(api_app, "create_app", recorded)
    result = CliRunner().invoke(CLI, ["--db", "memory:", "serve", "--port", "0", *options])
    assert result.exit_code == 1, result.output
    return given["status_link_lifetime"]


def test_a_link_shows_an_ended_case_180_days_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _lifetime_served(monkeypatch) == timedelta(days=180)


def test_the_lifetime_given_reaches_the_server(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _lifetime_served(monkeypatch, "--status-link-days", "30") == timedelta(days=30)


@pytest.mark.parametrize("days", ["0", "-1", "36501", "9" * 40, "ever"])
def test_a_lifetime_a_link_cannot_have_is_a_usage_error(days: str) -> None:
    result = CliRunner().invoke(
        CLI, ["--db", "memory:", "serve", "--host", "999.1.1.1", "--status-link-days", days]
    )
    assert result.exit_code == 2, result.output
    assert "--status-link-days" in result.stderr
    assert "Traceback" not in result.output + result.stderr

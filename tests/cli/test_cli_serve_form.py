"""``serve --no-form`` and ``serve --secret`` leave no unsigned way in through the form;
``--form`` keeps it beside a secret."""

from __future__ import annotations

from typing import Any

import pytest
import uvicorn
from click.testing import CliRunner
from starlette.applications import Starlette
from starlette.routing import Route

from complaintkit.api import app as api_app
from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
SECRET = "serve-form-secret-0123456789abcdef"


def served_paths(monkeypatch: pytest.MonkeyPatch, *options: str) -> set[str]:
    """The paths ``serve`` with ``options`` would serve (the server itself is not run)."""
    apps: list[Starlette] = []
    create = api_app.create_app

    def recording(*args: Any, **kwargs: Any) -> Starlette:
        apps.append(create(*args, **kwargs))
        return apps[-1]

    def started(server: uvicorn.Server, sockets: Any = None) -> None:
        server.started = True

    monkeypatch.setattr(api_app, "create_app", recording)
    monkeypatch.setattr(uvicorn.Server, "run", started)
    monkeypatch.delenv("COMPLAINTKIT_HTTP_SECRET", raising=False)
    result = CliRunner().invoke(CLI, ["--db", "memory:", "serve", "--port", "0", *options])
    assert result.exit_code == 0, result.output
    (served,) = apps
    return {route.path for route in served.routes if isinstance(route, Route)}


@pytest.mark.parametrize(
    ("options", "form"),
    [
        ((), True),
        (("--no-form",), False),
        (("--secret", SECRET), False),
        (("--secret", SECRET, "--form"), True),
        (("--form",), True),
    ],
)
def test_the_form_is_served_only_when_it_should_be(
    monkeypatch: pytest.MonkeyPatch, options: tuple[str, ...], form: bool
) -> None:
    paths = served_paths(monkeypatch, *options)
    assert "/complaints" in paths
    assert ("/" in paths) is form

"""What every command shares: the storage URL, the Desk, and the common option bundles."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import attrs
import click

from complaintkit.desk import Desk
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy

F = TypeVar("F", bound=Callable[..., Any])


@attrs.define
class App:
    """The CLI's context object; builds the Desk on first use."""

    plugins: Plugins | None = None
    db_url: str = "sqlite:///complaintkit.db"
    debug: bool = False
    policy_path: Path | None = None
    _desk: Desk | None = None

    def desk(self) -> Desk:
        if self._desk is None:
            policy = load_policy(self.policy_path, self.plugins) if self.policy_path else None
            self._desk = Desk(policy, storage=self.db_url, plugins=self.plugins)
        return self._desk

    def close(self) -> None:
        if self._desk is not None:  # what is left to send waits in the outbox
            self._desk.storage.close()


pass_app = click.make_pass_decorator(App, ensure=True)


def json_option(func: F) -> F:
    """``--json``: machine-readable output, spelled the same on every command."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(func)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))

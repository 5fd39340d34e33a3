"""What every command shares: the storage URL, the Desk, and the common option bundles.

Plugin commands take the running system with :func:`pass_plugin_context`.
"""

from __future__ import annotations

import functools
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
            self._desk = Desk(
                policy, storage=self.db_url, plugins=self.plugins, configuration=self.configuration
            )
        return self._desk

    @property
    def configuration(self) -> dict[str, Any]:
        """The settings the Desk is built from, as plugins see them."""
        policy = None if self.policy_path is None else str(self.policy_path)
        return {"db": self.db_url, "policy": policy, "debug": self.debug}

    def close(self) -> None:
        if self._desk is not None:
            # deliveries run on the outbox thread; a command must not exit before they do
            if self._desk.notifications is not None:
                self._desk.notifications.flush()
            self._desk.storage.close()


pass_app = click.make_pass_decorator(App, ensure=True)


def pass_plugin_context(func: Callable[..., Any]) -> Callable[..., Any]:
    """Give a command the :class:`~complaintkit.desk.context.PluginContext` (Desk, storage,
    clock, policy, configuration) as its first argument, built from ``--db``/``--policy``.

    >>> @click.command("overdue")
    ... @pass_plugin_context
    ... def overdue(context: PluginContext) -> None: ...
    """

    @functools.wraps(func)
    def command(*args: Any, **kwargs: Any) -> Any:
        app = click.get_current_context().ensure_object(App)
        return func(app.desk().context, *args, **kwargs)

    return command


def json_option(func: F) -> F:
    """``--json``: machine-readable output, spelled the same on every command."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(func)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))

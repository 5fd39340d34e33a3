"""What every command shares: the storage URL, the Desk, and the common option bundles.

Plugin commands take the running system with :func:`pass_plugin_context`.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar, cast, overload
from urllib.parse import urlsplit

import attrs
import click

from complaintkit.cli.stdout_encoding import writes_any_text
from complaintkit.cli.store_option import opening_store
from complaintkit.clock import Clock, SystemClock
from complaintkit.desk import Desk
from complaintkit.errors import BadStorageURL, InvalidInput
from complaintkit.model.complaint import RECEIVED_YEARS
from complaintkit.model.instants import parse_instant
from complaintkit.passwords import without_password
from complaintkit.plugins import Plugins
from complaintkit.policy.assessment import AssessingPolicy
from complaintkit.policy.compiled import Policy, load_policy
from complaintkit.storage.sqlite_url import database_file, file_exists

F = TypeVar("F", bound=Callable[..., Any])


@attrs.define
class App:
    """The CLI's context object; builds the Desk on first use."""

    plugins: Plugins | None = None
    db_url: str = "sqlite:///complaintkit.db"
    debug: bool = False
    policy_path: Path | None = None
    #: What "now" is for every command (the Desk's clock too); tests give a ManualClock.
    clock: Clock = attrs.field(factory=SystemClock)
    #: The command only reads (it opened the store read-only, or reads files alone):
    #: whatever stops it, nothing was changed.
    only_reads: bool = False
    _desk: Desk | None = None

    def desk(self, *, existing: bool = False, read_only: bool = False) -> Desk:
        """The Desk; with ``existing``, for a command that only reads or changes what is
        stored, a SQLite file that is not there is an error, not a new empty store whose
        report of nothing hides a misspelt ``--db``. With ``read_only`` (implies
        ``existing``), for a command that only reads, the store is opened without writing:
        not migrated, so it works on a read-only filesystem and leaves the file as it was."""
        existing = existing or read_only
        with opening_store():
            path = sqlite_file(self.db_url) if existing and self._desk is None else None
            if path is not None and not file_exists(self.db_url, path):
                raise BadStorageURL(
                    f"{self.db_url}: there is no database at {str(path)!r} ({NEVER_CREATES})"
                )
        if self._desk is None:
            self.only_reads = read_only
            policy = load_policy(self.policy_path, self.plugins) if self.policy_path else None
            plugins = self.plugins if self.plugins is not None else Plugins()
            with opening_store():
                if existing and not read_only:  # opening to read refuses it by itself
                    refuse_no_store(plugins, self.db_url)
                storage = plugins.open_storage(self.db_url, read_only=read_only)
            self._desk = Desk(
                policy,
                storage=storage,
                plugins=plugins,
                clock=self.clock,
                configuration=self.configuration,
            )
        return self._desk

    @property
    def inputs(self) -> tuple[tuple[str, Path | None], ...]:
        """The files every command reads, by the option naming them: no output goes there
        (once the Desk is built, with every file its policy extends)."""
        read = () if self._desk is None else policy_files("--policy", self._desk.policy)
        return (("--policy", self.policy_path), *read)

    @property
    def configuration(self) -> dict[str, Any]:
        """The settings the Desk is built from, as plugins see them."""
        policy = None if self.policy_path is None else str(self.policy_path)
        return {"db": self.db_url, "policy": policy, "debug": self.debug}

    def close(self) -> None:
        if self._desk is not None:  # what is left to send waits in the outbox
            self._desk.storage.close()


def policy_files(name: str, policy: AssessingPolicy) -> tuple[tuple[str, Path | None], ...]:
    """Every file ``policy`` was read from — those it ``extends:`` too — as ``inputs`` of
    :func:`write_output` named ``name``: a page written there breaks the next load."""
    files = policy.document.files if isinstance(policy, Policy) else ()
    return tuple((name, Path(file)) for file in files)


#: Which commands make a store where there is none.
NEVER_CREATES = "this command never creates one: demo, intake, serve, tick and deliver do"


def refuse_no_store(plugins: Plugins, url: str) -> None:
    """Raise :func:`no_store` when the backend says there is no store at ``url`` at all (a
    misspelt ``?schema=``), which opening it to write would create; a backend that cannot
    say (no ``stored_version``) is opened as usual."""
    read = plugins.version_reader(url)
    if read is not None and read() is None:
        raise no_store(url)


def no_store(url: str) -> BadStorageURL:
    """There is nothing at ``url`` for a command that never creates a store."""
    return BadStorageURL(
        f"{without_password(url)}: there is no complaintkit store there ({NEVER_CREATES})"
    )


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names; None for other stores, or a URL the storage will
    refuse with its own message."""
    try:
        return database_file(url) if urlsplit(url).scheme == "sqlite" else None
    except ValueError:
        return None


pass_app = click.make_pass_decorator(App, ensure=True)


@overload
def pass_plugin_context(func: F, /) -> F: ...


@overload
def pass_plugin_context(*, creates_store: bool = False) -> Callable[[F], F]: ...


def pass_plugin_context(
    func: F | None = None, /, *, creates_store: bool = False
) -> F | Callable[[F], F]:
    """Give a command the :class:`~complaintkit.desk.context.PluginContext` (Desk, storage,
    clock, policy, configuration) as its first argument, built from ``--db``/``--policy``.

    A ``--db`` naming no store is refused, as by the built-in commands that only read or
    change stored cases: a misspelt path would otherwise become a new empty store. A
    command that makes the store where there is none (an import) passes ``creates_store``.

    >>> @click.command("overdue")
    ... @pass_plugin_context
    ... def overdue(context: PluginContext) -> None: ...
    """

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def command(*args: Any, **kwargs: Any) -> Any:
            app = click.get_current_context().ensure_object(App)
            return func(app.desk(existing=not creates_store).context, *args, **kwargs)

        return cast("F", command)

    return decorate if func is None else decorate(func)


class Seconds(click.FloatRange):
    """A wait in seconds, from ``minimum`` up to a day: ``nan`` and ``inf`` pass a plain
    ``FloatRange`` (every comparison with NaN is false) and then break the loop's sleep."""

    name = "seconds"

    def __init__(self, minimum: float) -> None:
        super().__init__(min=minimum, max=86_400)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not math.isfinite(_as_float(value)):
            # before the range check, which names what float() made of it (1e400: "inf")
            self.fail(f"{value!r} is not a number of seconds", param, ctx)
        seconds = super().convert(value, param, ctx)
        if not math.isfinite(seconds):
            self.fail(f"{value!r} is not a number of seconds", param, ctx)
        return seconds


def _as_float(text: str) -> float:
    """``text`` as ``float`` reads it; 0 for what it cannot read, which the option's type
    then refuses in its own words."""
    try:
        return float(text)
    except ValueError:
        return 0.0


def instant_argument(text: str, hint: str) -> datetime:
    """``text`` as an instant a case can reach (the years complaints may be received in),
    or a usage error naming ``hint``: deadlines past year 9999 cannot be worked out."""
    try:
        at = parse_instant(text, hint)
    except InvalidInput as exc:
        raise click.BadParameter(exc.message, param_hint=hint) from None
    if at.year not in RECEIVED_YEARS:
        raise click.BadParameter(
            f"{text!r} is outside the years {RECEIVED_YEARS.start} to {RECEIVED_YEARS.stop - 1}",
            param_hint=hint,
        )
    return at


def time_range(since: datetime | None, until: datetime | None) -> None:
    """``--since`` and ``--until`` in order, else a usage error naming ``--until`` (the
    ``Scope`` they make refuses it too, but naming its field, with a failed run's exit)."""
    if since is not None and until is not None and until <= since:
        raise click.BadParameter(
            f"must be after --since ({since.isoformat()}), got {until.isoformat()}",
            param_hint="'--until'",
        )


def json_option(func: F) -> F:
    """``--json``: machine-readable output, spelled the same on every command."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(func)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=not writes_any_text(), indent=2, default=str))

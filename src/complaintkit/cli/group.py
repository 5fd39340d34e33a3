"""The ``complaintkit`` command group.

Commands are contributed through the ``register_commands`` hook — the built-in ones too —
so ``complaintkit plugins`` and third-party commands sit side by side. Errors from the
library become one-line messages with exit code 1 here, at one boundary (a JSON error
object on stdout when the command was given ``--json``); ``--debug`` shows the traceback.
Ctrl-C is one line too, with exit code 130 (``cli.interrupted``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from complaintkit.brief import brief_lines
from complaintkit.cli.context import App, echo_json
from complaintkit.cli.errors import ERROR_LINE_CHARS, error_json, not_utf8, one_line
from complaintkit.cli.examples import add_examples
from complaintkit.cli.given_twice import refuse_given_twice
from complaintkit.cli.given_values import remember_given, shorten_given
from complaintkit.cli.interrupted import interrupted as stopped
from complaintkit.cli.option_hint import hinted
from complaintkit.cli.path_type import NamedPath
from complaintkit.cli.stdout_failure import STDOUT, failed_on_stdout
from complaintkit.errors import ComplaintkitError, PluginError
from complaintkit.plugin_blocks import unknown_blocked
from complaintkit.plugin_said import said
from complaintkit.plugins import DEFAULT_PLUGINS, Plugins
from complaintkit.visible import shown


class ComplaintkitGroup(click.Group):
    """A group that turns library errors into click errors and refuses duplicate commands."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        ctx.meta["complaintkit.json_errors"] = "--json" in rest[: _options_end(rest)]
        if command is not None:
            refuse_given_twice(ctx, command, rest)
        return name, command, rest

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        remember_given(ctx, args)
        # before the command is known, as --json anywhere: its refusal is JSON too
        ctx.meta["complaintkit.json_errors"] = "--json" in args[: _options_end(args)]
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as exc:  # the group's own (--polciy)
            error = _cut(hinted(exc), ctx)
        except click.ClickException as exc:  # the group's own options' values
            error = _cut(_from_variable(exc, ctx), ctx)
        _as_json(ctx, error, error.exit_code)
        raise error from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # `complaintkit … | head`: the reader left; nothing to say
            _silence_stdout()
            raise click.exceptions.Exit(1) from None
        except (ComplaintkitError, OSError) as exc:  # OSError: a file to write, a socket
            app = ctx.find_object(App)
            if app is not None and app.debug:
                raise
            if isinstance(exc, OSError) and failed_on_stdout(exc):  # no JSON can go there
                _silence_stdout()
                raise click.ClickException(_brief(ctx, f"{STDOUT}: {one_line(exc)}")) from exc
            _as_json(ctx, exc, 1)
            raise click.ClickException(
                _brief(ctx, shown(one_line(exc)))
            ) from exc  # names stored text
        except click.NoSuchOption as exc:  # a subcommand's
            hint = _cut(hinted(exc), ctx)
            _as_json(ctx, hint, hint.exit_code)
            raise hint from None
        except click.ClickException as exc:
            _as_json(ctx, _cut(exc, ctx), exc.exit_code)
            raise
        except (click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt as exc:  # a worker loop ends on it by itself, with exit 0
            app = ctx.find_object(App)
            only_read = app is not None and app.only_reads
            interrupted = stopped(exc, None if app is None else app.plugins, only_read=only_read)
            _as_json(ctx, interrupted, interrupted.exit_code)
            raise interrupted from None
        except Exception as exc:
            undecoded = not_utf8(exc)
            if undecoded is not None and not _debugging(ctx):
                _as_json(ctx, undecoded, 1)
                raise undecoded from exc
            error = _plugin_failure(ctx, exc)
            if error is None:
                raise
            _as_json(ctx, error, 1)
            raise click.ClickException(_brief(ctx, one_line(error))) from exc

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        name = name or cmd.name
        if name in self.commands:
            raise PluginError(f"two plugins add a CLI command named {name!r}")
        super().add_command(cmd, name)


def _cut(exc: click.ClickException, ctx: click.Context) -> click.ClickException:
    """``exc`` with its message ``_brief``: click's own errors, and ours, repeat the value
    given, which may be a pasted file of 100,000 characters."""
    exc.message = _brief(ctx, exc.message)  # type: ignore[misc]  # Final in click's types only
    return exc


def _brief(ctx: click.Context, message: str) -> str:
    """``message`` with each long value given shown by its ends (``shorten_given``), and
    each of its lines cut in the middle (``brief_lines``)."""
    return brief_lines(shorten_given(ctx, message), ERROR_LINE_CHARS)


def _from_variable(exc: click.ClickException, ctx: click.Context) -> click.ClickException:
    """``exc`` naming the environment variable that gave the refused option its value
    (``'--policy' (from COMPLAINTKIT_POLICY)``): the user typed no ``--policy``, and has
    to look where the variable is set (a shell profile, a unit file)."""
    if not isinstance(exc, click.BadParameter):
        return exc
    param = exc.param
    if not isinstance(param, click.Option) or not isinstance(param.envvar, str):
        return exc
    if ctx.get_parameter_source(param.name or "") is ParameterSource.ENVIRONMENT:
        exc.param_hint = f"'{param.opts[0]}' (from {param.envvar})"
    return exc


def _debugging(ctx: click.Context) -> bool:
    app = ctx.find_object(App)
    return app is not None and app.debug


def _plugin_failure(ctx: click.Context, exc: Exception) -> PluginError | None:
    """A third-party command's unforeseen failure, named as its plugin's (None for a
    built-in command, or with ``--debug``: the traceback is what is wanted then)."""
    app = ctx.find_object(App)
    name = ctx.invoked_subcommand or ""
    found = None if app is None or app.plugins is None else app.plugins.commands.get(name)
    if app is None or app.debug or found is None or found.plugin in DEFAULT_PLUGINS:
        return None
    plugin = found.plugin
    return PluginError(
        f"command {name!r} of plugin {plugin!r} failed: {said(exc)} (--debug shows the traceback)",
        [plugin],
    )


def _silence_stdout() -> None:
    """Point stdout at the null device, so what is still buffered for a reader that left
    is not reported as a closed pipe again when Python flushes it at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # a stdout with no file descriptor (tests, embedding)
        pass


def _options_end(args: list[str]) -> int:
    return args.index("--") if "--" in args else len(args)


def _as_json(ctx: click.Context, exc: Exception, exit_code: int) -> None:
    """With ``--json``, print the error object and exit with ``exit_code``; when stdout
    takes nothing more (a full disk), the caller's one line on stderr is what is left."""
    if ctx.meta.get("complaintkit.json_errors"):
        try:
            echo_json(error_json(exc, exit_code, lambda text: shorten_given(ctx, text)))
        except OSError:
            _silence_stdout()
            return
        raise click.exceptions.Exit(exit_code) from exc


def _set_but_empty(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Refuse the option's environment variable set to nothing (``COMPLAINTKIT_DB=$URL``
    with ``URL`` unset), which click takes as unset: the default store would take in what
    was meant for another, and say all went well."""
    variable = param.envvar if isinstance(param.envvar, str) else None
    given = ctx.get_parameter_source(param.name or "")
    if variable and given is ParameterSource.DEFAULT and os.environ.get(variable) == "":
        raise click.BadParameter(
            f"the environment variable {variable} is set but empty: give it a value, or unset it",
            ctx,
            param,
        )
    return value


def build_cli(plugins: Plugins | None = None) -> click.Group:
    """A fresh CLI with every plugin's commands added (built-ins included)."""
    plugins = plugins if plugins is not None else Plugins()

    @click.group(cls=ComplaintkitGroup, context_settings={"help_option_names": ["-h", "--help"]})
    @click.option(
        "--db",
        "db_url",
        envvar="COMPLAINTKIT_DB",
        default="sqlite:///complaintkit.db",
        show_default=True,
        callback=_set_but_empty,
        help="Storage URL: sqlite:///path.db, memory:, postgresql://…",
    )
    @click.option(
        "--policy",
        "policy_path",
        envvar="COMPLAINTKIT_POLICY",
        type=NamedPath(exists=True, path_type=Path),
        callback=_set_but_empty,
        help="Policy file or folder the Desk assesses complaints with.",
    )
    @click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
    @click.version_option(package_name="complaintkit")
    @click.pass_context
    def cli(ctx: click.Context, db_url: str, policy_path: Path | None, debug: bool) -> None:
        """Run a complaint-handling SOP: intake, cases, SLA clocks, remedies, reports."""
        app = ctx.ensure_object(App)
        app.plugins = plugins
        app.db_url = db_url
        app.policy_path = policy_path
        app.debug = debug
        ctx.call_on_close(app.close)
        unknown = unknown_blocked(plugins.pm, DEFAULT_PLUGINS)
        if unknown is not None:
            click.echo(f"warning: {unknown}", err=True)

    for name, command in plugins.commands.items():
        cli.add_command(command.value, name)
    add_examples(cli)
    return cli


def run(argv: list[str] | None = None) -> None:
    """The command line: ``complaintkit.cli.main`` once this module is loaded."""
    try:
        group = build_cli()
    except ComplaintkitError as exc:  # a plugin's failure quotes what it raised: shown
        click.echo(f"Error: {brief_lines(shown(one_line(exc)), ERROR_LINE_CHARS)}", err=True)
        sys.exit(1)
    except KeyboardInterrupt as exc:  # while the plugins load
        interrupted = stopped(exc)
        interrupted.show()
        sys.exit(interrupted.exit_code)
    group.main(args=argv, prog_name="complaintkit")

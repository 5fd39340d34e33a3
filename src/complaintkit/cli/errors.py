"""Errors as the CLI reports them: one line on stderr, or one JSON object on stdout.

A script that asked for ``--json`` must be able to parse what it gets on failure too, so
the error object goes to stdout with the same exit code the text would have had.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from complaintkit.brief import brief_lines
from complaintkit.errors import InvalidInput, InvalidInputs, PluginError, PolicyError

#: The longest line of an error the command line shows: longer than any of its own
#: messages, which may name a few paths, and far shorter than a value pasted from a file.
ERROR_LINE_CHARS = 2_000


def one_line(exc: Exception) -> str:
    """The error as one line: an OSError as its reason and the file it concerns."""
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    return str(exc)


def not_utf8(exc: Exception) -> click.ClickException | None:
    """The error for text that holds lone surrogates, which is how Python reads the bytes of
    an argument or variable that is not UTF-8 (a Latin-1 terminal, ``$'\\xff'``): no store
    can look such text up. ``None`` for any other failure."""
    if not isinstance(exc, UnicodeEncodeError) or not isinstance(exc.object, str):
        return None
    if not all(_undecoded(char) for char in exc.object[exc.start : exc.end]):
        return None
    return _not_utf8_text(exc.object)


def utf8_text(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """The callback of an id or name the store looks up (a case id, a customer, an owner):
    an argument that is not UTF-8 is refused as such, where a look-up would only say it
    found nothing — a usage error naming the option or argument, as click's own are."""
    if isinstance(value, str) and any(map(_undecoded, value)):
        raise click.BadParameter(_not_utf8_text(value).message, ctx, param)
    return value


def undecoded_escaped(text: str) -> str:
    """``text`` with each character standing for an undecoded byte as its escape
    (``\\udcff``): a path or argument that is not UTF-8, in a message or JSON that must be
    printable as UTF-8."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _undecoded(char: str) -> bool:
    """Whether ``char`` stands for a byte the shell could not decode (surrogateescape)."""
    return "\udc80" <= char <= "\udcff"


def _not_utf8_text(given: str) -> click.ClickException:
    return click.ClickException(
        f"{repr(given)[:80]} is not UTF-8 text: it holds bytes the shell could not decode; "
        "give it in UTF-8"
    )


def error_json(
    exc: Exception, exit_code: int, shorten: Callable[[str], str] = str
) -> dict[str, Any]:
    """``{"error": {...}}`` naming the kind of error, its message (``shorten`` shows the
    long values given by their ends, and it is cut in the middle when long: it may repeat a
    value of any length) and where it is."""
    message = exc.format_message() if isinstance(exc, click.ClickException) else one_line(exc)
    error: dict[str, Any] = {
        "type": type(exc).__name__,
        "message": brief_lines(shorten(message), ERROR_LINE_CHARS),
        "exit_code": exit_code,
    }
    if isinstance(exc, PolicyError):
        error["problems"] = [p.to_json() for p in exc.problems]
    if isinstance(exc, InvalidInput):
        error["field"] = exc.field
        error["message"] = brief_lines(shorten(exc.message), ERROR_LINE_CHARS)
    if isinstance(exc, InvalidInputs):
        error["problems"] = [{"field": p.field, "message": p.message} for p in exc.problems]
    if isinstance(exc, PluginError):
        error["plugins"] = list(exc.plugins)
    if isinstance(exc, click.UsageError) and exc.ctx is not None:
        error["usage"] = exc.ctx.get_usage()
    return {"error": _escaped(error)}


def _escaped(value: Any) -> Any:
    """``value`` with its texts ``undecoded_escaped``: an error naming a path or argument
    that is not UTF-8 is printed as JSON all the same."""
    if isinstance(value, str):
        return undecoded_escaped(value)
    if isinstance(value, list):
        return [_escaped(item) for item in value]
    if isinstance(value, dict):
        return {key: _escaped(item) for key, item in value.items()}
    return value

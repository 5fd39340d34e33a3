"""The ``complaintkit`` command line (the group itself is ``cli.group``).

Nothing is imported here but what ``main`` needs before it loads the rest: loading the
command line takes most of its first second, and Ctrl-C then must end it as Ctrl-C does
later — one line and exit code 130 (143 for SIGTERM) — not in a traceback from inside an import.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from complaintkit.cli.ctrl_c import ended_by, terminate_as_ctrl_c
from complaintkit.cli.stdout_encoding import escape_what_stdout_cannot_write

if TYPE_CHECKING:
    from complaintkit.cli.group import build_cli

__all__ = ["build_cli", "main"]


def main(argv: list[str] | None = None) -> None:
    terminate_as_ctrl_c()
    escape_what_stdout_cannot_write()
    try:
        from complaintkit.cli.group import run  # noqa: PLC0415 - under the Ctrl-C handling
    except KeyboardInterrupt as exc:
        code, message = ended_by(exc)
        sys.stderr.write(f"Error: {message}\n")
        sys.exit(code)
    run(argv)


def __getattr__(name: str) -> Any:
    """``build_cli``, loaded when first asked for (tests, embedding)."""
    if name == "build_cli":
        from complaintkit.cli.group import build_cli  # noqa: PLC0415 - see the docstring

        return build_cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

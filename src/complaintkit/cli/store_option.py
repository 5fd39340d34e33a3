"""What the CLI says when the store ``--db`` names cannot be opened.

A value no store can be opened from (``BadStorageURL``: no scheme or an unknown one, a
bad option, a file in a folder that does not exist) is a usage error of ``--db``, exit
code 2, as a ``--policy`` naming no file is. A store that exists but cannot be opened
(a server that refuses the connection, a file that is no database) fails with exit code 1,
its message led by the option, so the user knows which setting to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click
from click.core import ParameterSource

from complaintkit.errors import BadStorageURL, StorageError

ENVIRONMENT = ParameterSource.ENVIRONMENT


class BadDbOption(click.ClickException):
    """A usage error of ``--db``, said in one line: the usage of the command, which click
    prints before a ``BadParameter``, tells nothing about which store to name."""

    exit_code = 2

    def __init__(self, reason: str) -> None:
        super().__init__(f"Invalid value for '--db'{_set_by()}: {reason}")


def _set_by() -> str:
    """`` (from COMPLAINTKIT_DB)`` when the environment variable gave ``--db`` its value:
    where the user has to look (a shell profile, a unit file), not the command line."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None and ctx.find_root().get_parameter_source("db_url") is ENVIRONMENT:
        return " (from COMPLAINTKIT_DB)"
    return ""


@contextmanager
def opening_store() -> Iterator[None]:
    """Open the store of ``--db`` in the block; its failures are said as the option's."""
    try:
        yield
    except BadStorageURL as exc:
        raise BadDbOption(str(exc)) from exc
    except StorageError as exc:
        if type(exc) is not StorageError:  # a subclass says more than its message
            raise
        raise StorageError(f"--db{_set_by()}: {exc}") from exc

"""Telling a failed write to standard output from any other ``OSError``.

``complaintkit report --json > report.json`` on a full disk fails inside ``click.echo`` with
an ``OSError`` that names no file: said as it is, ``No space left on device`` does not say
where; and the ``--json`` error object, printed to the same stdout, fails again.
"""

from __future__ import annotations

import sys
from types import FrameType

import click

#: What the error says in place of the file an ``OSError`` from stdout does not name.
STDOUT = "standard output"


def failed_on_stdout(exc: OSError) -> bool:
    """Whether ``exc`` was raised writing standard output through ``click.echo``."""
    frame = _innermost(exc)
    if frame is None or frame.f_code is not click.echo.__code__ or frame.f_locals.get("err"):
        return False
    return _is_stdout(frame.f_locals.get("file"))


def _innermost(exc: BaseException) -> FrameType | None:
    traceback = exc.__traceback__
    if traceback is None:
        return None
    while traceback.tb_next is not None:
        traceback = traceback.tb_next
    return traceback.tb_frame


def _is_stdout(stream: object) -> bool:
    if stream is sys.stdout:
        return True
    fileno = getattr(stream, "fileno", None)
    try:
        return fileno is not None and bool(fileno() == sys.stdout.fileno())
    except (OSError, ValueError):  # no descriptor (tests, embedding)
        return False

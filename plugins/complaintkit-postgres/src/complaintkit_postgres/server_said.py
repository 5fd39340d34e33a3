"""What PostgreSQL said, as the reason in one line of a complaintkit error."""

from __future__ import annotations

import psycopg


def server_said(exc: psycopg.Error) -> str:
    """The first line of ``exc``'s message, or its type when it has none: the lines after
    it quote the statement the server was running (``LINE 1: SELECT …`` and a caret under
    it), the library's code, not something an operator can act on."""
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__

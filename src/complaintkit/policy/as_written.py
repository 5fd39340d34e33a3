"""Values in messages to policy authors, spelt as YAML writes them.

A bare ``2026-01-01`` or ``no`` in a policy is a date or ``false`` to YAML; a message saying
``(got datetime.date(2026, 1, 1))`` or ``(got False)`` speaks Python to someone who wrote
YAML. Long values are cut in the middle, so a message fits on a terminal.
"""

from __future__ import annotations

from datetime import date, datetime


def shorten(value: object) -> str:
    """``value`` as text, its middle cut when long: a message must fit on a terminal."""
    text = str(value)
    return text if len(text) <= 40 else f"{text[:20]}…{text[-10:]} ({len(text)} characters)"


def as_written(value: object) -> str:
    """``value`` as YAML spells it — true, false, null, 2026-01-01 — else as Python's
    repr (text quoted, lists in brackets), its middle cut when long."""
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "null"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return shorten(repr(value))


def got(value: object) -> str:
    """What a message says it got: ``as_written``, and for a date how it became one."""
    if isinstance(value, date):
        return f"the date {as_written(value)}, as YAML reads it unquoted: quote it if it is text"
    return as_written(value)

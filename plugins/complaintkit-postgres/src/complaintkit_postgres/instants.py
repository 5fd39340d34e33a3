"""Instants a row edited outside complaintkit may hold that no Python instant can.

``timestamptz`` keeps ``infinity``, ``-infinity``, BC dates and years past 9999; psycopg
cannot read them into a ``datetime``, and the error ended the whole read (an audit, a
listing) with no row named. Reads that must go on send such a value as its text instead,
for the caller to name: in SQL where many rows stream (``readable``), or by the loader
``lenient`` registers where a few rows are read.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, LiteralString

from psycopg import DataError
from psycopg.abc import AdaptContext, Buffer
from psycopg.types.datetime import TimestamptzLoader

#: The instants every session time zone reads into a Python ``datetime`` (a day inside its
#: years 1 to 9999, whatever the offset): ``complaintkit.model.instants``' FIRST and LAST.
_READABLE = "BETWEEN '0001-01-02 00:00+00' AND '9999-12-30 00:00+00'"


def placed(column: LiteralString) -> LiteralString:
    """SQL: whether instant ``column`` is one Python can hold (false for NULL too)."""
    return f"{column} {_READABLE}"


def unplaced(column: LiteralString) -> LiteralString:
    """SQL: whether instant ``column`` is one Python cannot hold (NULL aside), in two ranges
    an index on the column finds: no scan on a sound store."""
    return f"({column} < '0001-01-02 00:00+00' OR {column} > '9999-12-30 00:00+00')"


def readable(column: str) -> str:
    """Two SQL columns for instant ``column``: itself where Python can hold it, and its
    text where not (each NULL otherwise)."""
    return (
        f"CASE WHEN {column} {_READABLE} THEN {column} END, "
        f"CASE WHEN {column} {_READABLE} THEN NULL ELSE {column}::text END"
    )


def either(instant: datetime | None, text: str | None) -> datetime | str | None:
    """The value of a column ``readable`` sent as two."""
    return instant if text is None else text


class _Lenient(TimestamptzLoader):
    def load(self, data: Buffer) -> datetime | Any:
        try:
            return super().load(data)
        except DataError:
            return bytes(data).decode()


def lenient(context: AdaptContext) -> None:
    """Make ``context`` (a cursor) read an instant Python cannot hold as its text."""
    context.adapters.register_loader("timestamptz", _Lenient)

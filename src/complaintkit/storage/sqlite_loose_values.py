"""A SQLite column's value read as the type complaintkit wrote there, whatever it holds.

SQLite keeps any value in any column, and ``stored_text`` hands back text that is no UTF-8
as bytes: a row edited outside complaintkit (the sqlite3 shell writes ``'…'`` as TEXT where a
BLOB was) may hold text where bytes were, bytes or a number where text was. Read as they
are, they failed far from the store — ``bytes(5)`` is five NULs, ``bytes(10**9)`` a gigabyte
of them — and every command reading the row ended in a traceback.
"""

from __future__ import annotations

import math


def text_of(value: object) -> str:
    """Text as stored; bytes that are no UTF-8 (and lone surrogates) escaped."""
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, bytes):
        return value.decode("utf-8", "backslashreplace")
    return "" if value is None else str(value)


def bytes_of(value: object) -> bytes:
    """Bytes as stored; text as its UTF-8, a number as its digits."""
    if isinstance(value, bytes):
        return value
    return text_of(value).encode("utf-8")


def count_of(value: object) -> int:
    """A count as stored; what is no whole number counts as none."""
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return 0

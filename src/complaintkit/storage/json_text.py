"""The JSON text of stored rows, written by orjson where it writes what the standard
library would read back the same.

A tick writes back thousands of case bodies of about 2 KB: orjson encodes one in about a
third of the time ``json`` takes. What orjson cannot encode — integers beyond 64 bits, keys
that are not text, lone surrogates — ``json`` does. orjson writes a non-finite float as
``null`` where ``json`` writes ``NaN``, which is not JSON; stored values are finite
(``model.jsonvalues``). Text is read back by ``audit.sql_text.read_json``: with orjson
too, but for text holding a run of 19 digits (an integer orjson may read as a float).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import orjson

from complaintkit.audit.sql_text import fast_object

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def dumps(data: Any) -> str:
    """Compact JSON text, non-ASCII characters as they are."""
    try:
        return orjson.dumps(data).decode()
    except TypeError:
        return _ENCODER.encode(data)


def dumps_utf8(data: Any) -> bytes:
    """``dumps(data)`` as its UTF-8 bytes, for a text column bound as ``CAST(? AS TEXT)``:
    a case body as orjson writes it, never decoded to text that sqlite3 would encode again
    (two passes over 2 KB on every case a tick saves). Text that is no UTF-8 (a lone
    surrogate) raises ``UnicodeEncodeError``, as sqlite3 binding it would."""
    try:
        return orjson.dumps(data)
    except TypeError:
        return _ENCODER.encode(data).encode()


def stored_text(raw: bytes) -> str | bytes:
    """A SQLite text value as read back: text that is not UTF-8 (SQLite keeps any bytes as
    text, and Python's decoding raised, a traceback wherever it was read) as its bytes,
    which a body's reader reports as a damaged record and the audit as a finding."""
    try:
        return raw.decode()
    except UnicodeDecodeError:
        return raw


@contextmanager
def text_as_bytes(db: sqlite3.Connection) -> Iterator[None]:
    """Text ``db`` reads in the ``with`` block comes as its UTF-8 bytes, not decoded: for
    bodies parsed from the bytes at once (``stored_body``). Used under the store's lock."""
    factory = db.text_factory
    db.text_factory = bytes
    try:
        yield
    finally:
        db.text_factory = factory


def stored_body(raw: bytes, blob: bool) -> dict[str, Any] | str | bytes:
    """A case body read as bytes (``text_as_bytes``; ``blob``: stored as a blob): the JSON
    object in it when orjson reads one, parsed without first decoding a 2 KB text that a
    reader would encode again; else the value as read otherwise (``stored_text``), for
    ``read_case`` to read, or name as damaged, as it always does."""
    data = fast_object(raw)
    if data is not None:
        return data
    return raw if blob else stored_text(raw)

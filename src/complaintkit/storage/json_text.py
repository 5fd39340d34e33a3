"""The JSON text of stored rows: orjson where it says exactly what the standard library
would, the standard library where it might not.

A tick reads and writes back thousands of case bodies of about 2 KB; orjson encodes and
decodes each in a fraction of the time. Where the two differ, the standard library decides:
orjson refuses integers beyond 64 bits and keys that are not text (those are encoded by
``json``), and it reads integers beyond 64 bits as floats, so text holding a run of 19 or
more digits is read by ``json``; text orjson refuses (``NaN``, a lone surrogate escape) too.
orjson writes a non-finite float as ``null`` where ``json`` writes ``NaN``, which is not
JSON; stored values are finite (``model.jsonvalues``).
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
#: A number orjson may read as a float (or one inside a string: read by ``json``, the same).
_LONG_DIGITS = re.compile("[0-9]{19}")
_LONG_DIGITS_BYTES = re.compile(b"[0-9]{19}")


def dumps(data: Any) -> str:
    """Compact JSON text, non-ASCII characters as they are."""
    try:
        return orjson.dumps(data).decode()
    except TypeError:
        return _ENCODER.encode(data)


def loads(text: str | bytes) -> Any:
    """The value of JSON ``text``, as ``json.loads`` gives it; ``ValueError`` if invalid."""
    long_digits = _LONG_DIGITS_BYTES if isinstance(text, bytes) else _LONG_DIGITS
    if long_digits.search(text) is None:  # type: ignore[arg-type]
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError:
            pass
    return json.loads(text)

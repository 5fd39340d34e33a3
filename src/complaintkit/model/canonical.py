"""Canonical JSON: sorted, compact text with non-ASCII characters as they are — the text
every hash in complaintkit covers, so it must never change for a stored value.

The standard library's encoder defines the text. orjson writes the same text about eight
times faster, except for what it cannot encode (integers beyond 64 bits, keys that are not
text, lone surrogates: it raises, and ``json`` encodes them) and for floats between 1e-9
and 1e-4, which it writes in another form (``0.00001`` and ``1e-7`` where ``json`` writes
``1e-05`` and ``1e-07``). Text in which such a float may appear goes through ``json``
again: the check looks for those forms anywhere, so a string that merely resembles one
costs the slower encoder and never a different text. Non-finite floats, which orjson writes
as ``null``, are not stored values (``model.jsonvalues``).
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

_STANDARD = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))
#: Values ``json`` refuses stay refused: orjson would write datetimes and dataclasses.
_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
#: Where orjson's float text may differ from ``json``'s: ``0.0000…`` and a one-digit
#: negative exponent (searched for apart: an alternation has no literal prefix to scan for,
#: which made the search cost three times the encoding).
_SMALL_FLOAT = b"0.0000"
_SHORT_EXPONENT = re.compile(rb"e-[0-9](?![0-9])")


def canonical_json(data: Any) -> str:
    """Sorted compact JSON: the text every hash in complaintkit covers."""
    fast = _fast(data)
    return _STANDARD.encode(data) if fast is None else fast.decode()


def canonical_utf8(data: Any) -> bytes:
    """``canonical_json(data)`` in UTF-8, the bytes a hash takes: orjson's own, where the
    text would decode them only for the hash to encode them again. A lone surrogate, which
    UTF-8 cannot hold, raises ``UnicodeEncodeError``."""
    fast = _fast(data)
    return _STANDARD.encode(data).encode() if fast is None else fast


def _fast(data: Any) -> bytes | None:
    """orjson's canonical UTF-8 of ``data``; None where it may differ from ``json``'s."""
    try:
        text = orjson.dumps(data, option=_OPTIONS)
    except TypeError:
        return None
    if _SMALL_FLOAT in text or _SHORT_EXPONENT.search(text):
        return None
    return text

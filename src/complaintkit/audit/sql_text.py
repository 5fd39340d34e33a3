"""Reading stored JSON text: ``read_json`` for every reader, and ``sql_parsed`` refusing
text that SQLite's JSON functions read otherwise than Python's ``json``.

SQLite stores bodies as text, and queries read them with ``json_extract`` and
``json_each`` (``compensation_total`` sums a customer's compensation so). Two spellings
make SQLite and Python disagree about what a body says: a key written twice in one object
(SQLite reads the first, Python the last) and a key spelled with escapes no encoder
writes (SQLite matches a path against the spelling, so ``"comp\\u0065nsation"`` is no
``$.compensation`` to it). complaintkit never writes either; an edited body could use them
to show the audit one history and the queries another.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Callable
from typing import Any

import orjson

from complaintkit.model.jsonvalues import MAX_DEPTH, nests_deeper

#: A JSON string; in valid JSON text every ``"`` outside a string opens one.
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_COLON = re.compile(r"\s*:")


#: What is wrong with a body stored as bytes: SQLite's JSON functions read a blob as its
#: binary JSON, not as the text the audit and the replay read.
NOT_TEXT = (
    "stored as a blob or as text that is not UTF-8, where complaintkit writes UTF-8 text: "
    "SQL may read it otherwise"
)


class _Twice(ValueError):
    pass


def _once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise _Twice(key)
        data[key] = value
    return data


def read_json(
    text: str | bytes, pairs: Callable[[list[tuple[str, Any]]], Any] | None = None
) -> Any:
    """``text`` parsed, or ``ValueError``: also for ``NaN`` and ``Infinity``, and numbers
    too large for a float, which Python reads and canonical JSON writes as ``null`` (an
    edited ``null`` would match its hash); for half a surrogate pair, which no hash can
    encode; and for nesting deeper than Python reads, whose ``RecursionError`` would
    otherwise escape as a traceback.

    orjson reads about three times faster and refuses all of that too, so text it reads is
    taken from it; it differs only on an integer past 64 bits, which it reads as a float,
    and so text with a run of 19 digits anywhere goes to ``json`` (as does text it
    refuses, for the error's wording). Text nested deeper than ``STORED_DEPTH`` is refused
    before either reads it."""
    if too_deep(text):
        raise ValueError(f"nested over {STORED_DEPTH} levels deep")
    if pairs is None:
        fast = _read_fast(text)
        if fast is not _REFUSED:
            return fast
    try:
        data = json.loads(
            text,
            object_pairs_hook=pairs,
            parse_constant=_no_number,
            parse_float=_finite,
            parse_int=_whole,
        )
    except RecursionError:
        raise ValueError("nested too deeply to read") from None
    if _SURROGATE.search(text if isinstance(text, str) else text.decode(errors="replace")):
        _whole_unicode(data)
    return data


#: The deepest a stored value is read: intake keeps a value within ``MAX_DEPTH`` levels, and
#: a body holds it a few levels down. Deeper is damage, refused before any reader recurses
#: into it: parsed, copied or compared near the interpreter's recursion limit, it failed
#: whatever else ran meanwhile (a finalizer), written on stderr as "Exception ignored".
STORED_DEPTH = 4 * MAX_DEPTH


def too_deep(text: str | bytes) -> bool:
    """Whether ``text`` nests deeper than ``STORED_DEPTH``, found without recursing."""
    if isinstance(text, bytes):
        if text.count(b"[") + text.count(b"{") <= STORED_DEPTH:  # most text: not decoded
            return False
        text = text.decode("utf-8", "replace")
    return nests_deeper(text, STORED_DEPTH)


#: Every digit as ``0``, so that a run of 19 — a number orjson may read otherwise — is one
#: substring search (a regular expression for it costs more than the parsing it saves).
_DIGITS_AS_ZERO = bytes.maketrans(b"0123456789", b"0" * 10)
#: The same, with ``{`` as ``[``: one pass counts what ``too_deep`` counts (a case a tick
#: claims is a few kilobytes).
_DIGITS_AS_ZERO_OPENINGS_AS_BRACKET = bytes.maketrans(b"0123456789{", b"0" * 10 + b"[")
_LONG_NUMBER = b"0" * 19
_REFUSED = object()


def _read_fast(text: str | bytes) -> Any:
    """``text`` read by orjson, or ``_REFUSED`` when ``json`` must read it."""
    try:
        raw = text.encode() if isinstance(text, str) else text
    except UnicodeEncodeError:  # a lone surrogate in the text itself
        return _REFUSED
    return _REFUSED if _LONG_NUMBER in raw.translate(_DIGITS_AS_ZERO) else _orjson(raw)


def _orjson(raw: bytes) -> Any:
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return _REFUSED


def fast_object(raw: bytes) -> dict[str, Any] | None:
    """The JSON object ``raw`` holds, as ``read_json`` reads ``raw`` and the text it is the
    UTF-8 of, when orjson may read it; None when ``read_json`` must decide. For a store's
    reader handed the bytes, which need no decoding to text first."""
    marked = raw.translate(_DIGITS_AS_ZERO_OPENINGS_AS_BRACKET)
    if _LONG_NUMBER in marked or (marked.count(b"[") > STORED_DEPTH and too_deep(raw)):
        return None
    data = _orjson(raw)
    return data if type(data) is dict else None


#: An escaped surrogate (``\ud800``): half of a pair, or a lone one no UTF-8 text holds.
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


def _whole_unicode(data: Any) -> None:
    try:
        json.dumps(data, ensure_ascii=False).encode()
    except UnicodeEncodeError:
        raise ValueError("holds half a surrogate pair (\\ud800): text that is no Unicode") from None


def _no_number(literal: str) -> float:
    raise ValueError(f"{literal} is no JSON number")


def _whole(literal: str) -> int:
    """A JSON integer; one longer than Python converts is named by its length, not with
    Python's advice to raise the interpreter's limit (no way to read a damaged row)."""
    digits = len(literal.lstrip("-"))
    if digits > sys.get_int_max_str_digits() > 0:
        raise ValueError(f"a number of {digits} digits, too long to read")
    return int(literal)


def _finite(literal: str) -> float:
    """A JSON number as a float: one too large for a float (``1e400``) would read as
    infinity, which canonical JSON writes as ``null``, so it is refused too."""
    number = float(literal)
    if not math.isfinite(number):
        shown = literal if len(literal) <= 40 else f"{literal[:20]}… ({len(literal)} characters)"
        raise ValueError(f"number {shown} is too large to read")
    return number


def sql_parsed(body: str | bytes) -> Any:
    """``body`` parsed, or ``ValueError`` saying why it is no JSON or naming the key SQL
    would read otherwise than Python."""
    if isinstance(body, bytes):
        raise ValueError(NOT_TEXT)
    try:
        data = read_json(body, _once)
    except _Twice as twice:
        raise ValueError(
            f"key {twice.args[0]!r} is written twice in one object: SQL reads the first, "
            "the audit the last"
        ) from None
    except ValueError as exc:
        raise ValueError(f"not valid JSON ({exc})") from None
    if "\\" in body:
        _plainly_spelled(body)
    return data


def _plainly_spelled(text: str) -> None:
    for string in _STRING.finditer(text):
        token = string.group()
        if "\\" not in token or not _COLON.match(text, string.end()):
            continue
        key = json.loads(token)
        if token not in (json.dumps(key, ensure_ascii=False), json.dumps(key)):
            raise ValueError(
                f"key {key!r} is spelled {token}, as no encoder writes it: SQL reads it as "
                "another key"
            )

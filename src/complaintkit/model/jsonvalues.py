"""JSON values every storage backend keeps exactly, and a decoder that only yields those.

Outside input (a JSON line, an HTTP body, a free ``attributes`` mapping) reaches the event
history, whose hash covers its JSON text. A value is accepted only when SQLite and
PostgreSQL both store it and give it back unchanged:

* strings hold no NUL character and no lone surrogate (PostgreSQL refuses the first, UTF-8
  cannot encode the second);
* numbers are finite, integers have at most ``MAX_INT_DIGITS`` digits (any float fits), a
  number with a point or an exponent is the float it reads as (``1e-400`` is no ``0``), and
  a float that is a whole number is kept as the integer ``jsonb`` would give back for it
  (``1e20`` as ``100000000000000000000``, ``-0.0`` as ``0``), so the hashed text is the
  text every backend returns;
* containers nest at most ``MAX_DEPTH`` deep.

Every refusal is an ``InvalidInput`` naming the dotted path of the offending value.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from complaintkit.errors import InvalidInput
from complaintkit.model.json_strays import stray_reason
from complaintkit.model.json_syntax import not_json
from complaintkit.model.readable_as import utf8_advice

MAX_DEPTH = 32
MAX_INT_DIGITS = 400
_INT_LIMIT = 10**MAX_INT_DIGITS

_FORBIDDEN_CHAR = re.compile("[\x00\ud800-\udfff]")
#: A string, then on from its end, or a bracket: each string is read once, from its opening
#: quote (one never closed runs to the end). Removing strings with a search begun anew at
#: every quote read on from each escaped quote of ``"\\"\\"…`` to the end: quadratic, 6 s
#: for a body of 80,000 characters, hours for a megabyte.
_STRING_OR_BRACKET = re.compile(r'"(?:[^"\\]++|\\.)*+"?|[\[\]{}]', re.DOTALL)


def check_text(value: str, field: str) -> str:
    """``value`` unchanged, or ``InvalidInput`` if it holds a NUL or a lone surrogate."""
    if "\x00" not in value:  # memchr; then the O(1) ASCII flag, else a C encode pass
        if value.isascii():
            return value
        try:
            value.encode()  # refuses lone surrogates, several times faster than the regex
        except UnicodeEncodeError:
            pass
        else:
            return value
    bad = _FORBIDDEN_CHAR.search(value)
    if bad is not None:
        what = "a NUL character" if bad.group() == "\x00" else "a lone surrogate (not UTF-8)"
        raise InvalidInput(field, f"holds {what} at position {bad.start()}")
    return value


def storable_text(text: str) -> bool:
    """Whether ``text`` holds no NUL and no lone surrogate: what every backend stores."""
    return (text.isascii() and "\x00" not in text) or _FORBIDDEN_CHAR.search(text) is None


def _plain_scalar(value: object) -> bool:
    """Whether ``plain`` would return ``value`` itself without looking further."""
    kind = type(value)
    if kind is str:
        return storable_text(value)  # type: ignore[arg-type]
    if kind is int:
        return bool(-_INT_LIMIT < value < _INT_LIMIT)
    return value is None or kind is bool


def printable(text: str) -> str:
    """``text`` with NUL and lone surrogates written as escapes (``\\x00``): any backend
    stores it, so a reason or location quoting bad input never fails to be recorded."""
    return _FORBIDDEN_CHAR.sub(lambda found: repr(found.group())[1:-1], text)


def plain(value: object, field: str, depth: int = 0) -> Any:
    """``value`` as a JSON value every backend stores exactly (see the module docstring).

    Runs for every complaint built or loaded, so the common types are tested first, by
    exact type.
    """
    kind = type(value)
    if kind is str:
        return check_text(value, field)  # type: ignore[arg-type]
    if kind is int:
        if -_INT_LIMIT < value < _INT_LIMIT:
            return value
        raise InvalidInput(field, f"is an integer of more than {MAX_INT_DIGITS} digits")
    if value is None or kind is bool or kind is JsonWhole:  # a JsonWhole is a checked int
        return value
    if kind is float or kind is JsonNumber:
        return _number(value, field)  # type: ignore[arg-type]
    if kind is dict or kind is list or isinstance(value, Mapping | list | tuple):
        if depth >= MAX_DEPTH:
            raise InvalidInput(field, f"nests deeper than {MAX_DEPTH} levels")
        return _container(value, field, depth + 1)  # type: ignore[arg-type]
    if isinstance(value, str | int | float):  # subclasses, such as a _TooLong literal
        return plain(_TooLong.refuse(value, field), field, depth)
    raise InvalidInput(field, f"must be a JSON value (got {type(value).__name__})")


def plain_mapping(value: object, field: str) -> dict[str, Any]:
    """``value`` as ``plain`` makes it, refused unless a mapping: event data and an
    incident are read by name, and a caller's list or text would fail deep in the Desk."""
    if not isinstance(value, Mapping):
        raise InvalidInput(field, f"must map names to values (got {type(value).__name__})")
    return plain(value, field)  # type: ignore[no-any-return]


def check_bulk(value: object, field: str, max_items: int, max_chars: int) -> None:
    """``InvalidInput`` at the path of the first key or item that takes ``value`` past
    ``max_items`` keys and items, or ``max_chars`` characters of keys and text, at every
    level: free JSON is stored, hashed, replayed and shown whole. Walked in order without
    recursing, no further than where a limit is passed; a path is written only for a
    container or a refusal (asked of every complaint built)."""
    if type(value) is dict and len(value) <= max_items and _flat_chars(value) <= max_chars:
        return  # the common case: a few names of text, numbers or true/false
    items = chars = 0
    if not isinstance(value, _CONTAINERS):
        return
    stack = [(field, _members(value))]
    while stack:
        path, members = stack[-1]
        member = next(members, None)
        if member is None:
            stack.pop()
            continue
        key, node = member
        items += 1
        kind = type(node)
        chars += len(key) if type(key) is str else 0
        if kind is str:
            chars += len(node)
        if items > max_items or chars > max_chars:
            what = (
                f"{max_items:,} keys and items"
                if items > max_items
                else f"{max_chars:,} characters of keys and text"
            )
            raise InvalidInput(_path(path, key), f"takes {field} past {what}, the limit")
        if kind is not str and kind not in _SCALARS and isinstance(node, _CONTAINERS):
            stack.append((_path(path, key), _members(node)))


#: Names ``_plain_name`` passed, at most ``_PLAIN_NAMES_KEPT``: free attributes come with
#: the same few names (``company``, ``rider_minutes``), each then passed in one look-up.
_PLAIN_NAMES: set[str] = set()
_PLAIN_NAMES_KEPT = 4096


def _plain_name(key: str) -> bool:
    """Whether ``key`` is ASCII, begins with a letter or digit, ends in no space and holds
    no NUL: a name the checks on names pass unchanged."""
    if key.isascii() and key[:1].isalnum() and not key[-1].isspace() and "\x00" not in key:
        if len(_PLAIN_NAMES) < _PLAIN_NAMES_KEPT:
            _PLAIN_NAMES.add(key)
        return True
    return False


def named_scalars(value: object, max_items: int, max_chars: int) -> dict[str, Any] | None:
    """A copy of ``value`` if it is a dict of at most ``max_items`` names, each ASCII,
    beginning with a letter or digit and ending in no space, of storable texts, integers
    within the limit, true, false or null, with at most ``max_chars`` characters of names
    and text: free attributes as they nearly always come, which ``plain`` and the checks on
    names would pass unchanged, in one pass. ``None`` for anything else: walk it in full."""
    if type(value) is not dict or len(value) > max_items:
        return None
    chars = 0
    for key, item in value.items():
        if type(key) is not str or (key not in _PLAIN_NAMES and not _plain_name(key)):
            return None
        kind = type(item)
        if kind is str:
            if not (item.isascii() and "\x00" not in item) and not storable_text(item):
                return None
            chars += len(item)
        elif kind is int:
            if not -_INT_LIMIT < item < _INT_LIMIT:
                return None
        elif item is not None and kind is not bool:
            return None
        chars += len(key)
    return dict(value) if chars <= max_chars else None


def _flat_chars(value: dict[Any, Any]) -> float:
    """The characters of ``value``'s keys and text, when it holds text and scalars alone;
    else more than any limit, so ``check_bulk`` walks it."""
    chars = 0
    for key, item in value.items():
        kind = type(item)
        if kind is str:
            chars += len(item)
        elif kind not in _SCALARS:
            return math.inf
        chars += len(key) if type(key) is str else 0
    return chars


def _members(
    node: Mapping[Any, Any] | list[Any] | tuple[Any, ...],
) -> Iterator[tuple[Any, Any]]:
    """The key (a list's index) and value of each member of ``node``."""
    return iter(node.items()) if isinstance(node, Mapping) else enumerate(node)


def _path(path: str, key: str | int) -> str:
    return f"{path}[{key}]" if type(key) is int else f"{path}.{key}"


def json_kind(value: object) -> str:
    """What ``value`` is, in JSON's words: a reason says "got null", not "got NoneType"."""
    if value is None or isinstance(value, bool):
        return "null" if value is None else "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, Mapping):
        return "an object"
    return "a list" if isinstance(value, list | tuple) else type(value).__name__


def _number(value: float, field: str) -> float | int:
    if not math.isfinite(value):
        raise InvalidInput(field, f"must be a finite number (got {value!r})")
    if type(value) is JsonNumber and not _held(value):
        shown = value.text if len(value.text) <= 40 else f"{value.text[:40]}\u2026"
        raise InvalidInput(
            field,
            f"is the number {shown}, which a binary float cannot hold: it would be read "
            f'as {float(value)!r}; write it as text, "{shown}", or with fewer digits',
        )
    if not value.is_integer():
        return value
    # the integer jsonb gives back for this float's shortest text (``1.5e300``)
    whole = int(Decimal(repr(value)))
    return JsonWhole(whole, value.text) if isinstance(value, JsonNumber) else whole


def _held(number: JsonNumber) -> bool:
    """Whether the float ``number`` reads as is the number its text writes: read as a
    float, ``1e-400`` is ``0`` and ``99999999999999.999`` a whole number, which would be
    stored in its place."""
    if repr(float(number)) == number.text:  # as JSON writers write floats
        return True
    try:
        return Decimal(repr(float(number))) == Decimal(number.text)
    except InvalidOperation:  # an exponent past Decimal's: no float holds it either
        return False


class JsonNumber(float):
    """A JSON number with a point or exponent, as the float every reader of JSON values
    gets and stores, that also keeps the text it was written as: an amount reads that
    text (``Money``), as exact as the document wrote it, where the float would not be."""

    text: str

    def __new__(cls, text: str) -> JsonNumber:
        number = super().__new__(cls, text)
        number.text = text
        return number


class JsonWhole(int):
    """A ``JsonNumber`` whose float is whole, as the integer stored for it (``_number``),
    with the text it was written as (``12.0``, ``1e2``)."""

    text: str

    def __new__(cls, whole: int, text: str) -> JsonWhole:
        number = super().__new__(cls, whole)
        number.text = text
        return number


#: A JSON number that keeps the text it was written as.
_NUMBERS_WITH_TEXT = (JsonNumber, JsonWhole)
#: What ``check_bulk`` walks into.
_CONTAINERS = (Mapping, list, tuple)
#: Values ``_flat_chars`` counts no characters of.
_SCALARS = frozenset((int, float, bool, type(None), *_NUMBERS_WITH_TEXT))


#: The keys of money written as a JSON object, whose amount keeps its text (``Money``).
_MONEY_KEYS = frozenset(("amount", "currency"))


def _container(
    value: Mapping[Any, Any] | list[Any] | tuple[Any, ...], field: str, depth: int
) -> Any:
    if type(value) is dict or isinstance(value, Mapping):
        out = {}
        if value.keys() == _MONEY_KEYS and type(value["amount"]) in _NUMBERS_WITH_TEXT:
            # money: its amount is read from the text the document wrote, not its float
            value = {**value, "amount": value["amount"].text}
        for key, item in value.items():
            if type(key) is not str:
                raise InvalidInput(field, f"keys must be strings (got {key!r})")
            # the common case, with no path to build: an ASCII key without a NUL
            # (``storable_text``'s first answer, without the call) and a value kept as it is
            if key.isascii() and "\x00" not in key and _plain_scalar(item):
                out[key] = item
                continue
            path = f"{field}.{key}" if field else key
            out[check_text(key, path)] = plain(item, path, depth)
        return out
    return [plain(item, f"{field}[{i}]", depth) for i, item in enumerate(value)]


def _int_or_too_long(text: str) -> int | _TooLong:
    return _TooLong(text) if len(text.lstrip("-")) > MAX_INT_DIGITS else int(text)


class _TooLong(float):
    """A JSON integer literal too long to convert; ``plain`` refuses it by path."""

    def __new__(cls, text: str) -> _TooLong:
        return super().__new__(cls, "nan")

    @staticmethod
    def refuse(value: str | int | float, field: str) -> str | int | float:
        """A subclass of a JSON type as its base type; a ``_TooLong`` is refused."""
        if isinstance(value, _TooLong):
            raise InvalidInput(field, f"is an integer of more than {MAX_INT_DIGITS} digits")
        base = str if isinstance(value, str) else float if isinstance(value, float) else int
        return base(value)


class _KeyTwice(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object's pairs as a dict; a repeated key raises ``_KeyTwice``."""
    obj = dict(pairs)
    if len(obj) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _KeyTwice(key)
            seen.add(key)
    return obj


def nests_deeper(text: str, levels: int) -> bool:
    """Whether ``text``'s brackets nest deeper than ``levels`` outside strings, found without
    recursing; text with no more opening brackets than that needs no scan of its strings."""
    return text.count("[") + text.count("{") > levels and _depth(text) > levels


def _depth(text: str) -> int:
    """How deep ``text``'s brackets nest outside strings, without recursing."""
    depth = deepest = 0
    for token in _STRING_OR_BRACKET.findall(text):
        if token in ("[", "{"):
            depth += 1
            deepest = max(deepest, depth)
        elif token in ("]", "}"):
            depth -= 1
    return deepest


def parse_json(raw: bytes | str, field: str = "body") -> Any:
    """Decode one JSON document into plain values, or raise ``InvalidInput``.

    Bytes must be UTF-8 (a leading byte order mark is read past). ``NaN``, ``Infinity``, integers over ``MAX_INT_DIGITS`` digits and
    nesting over ``MAX_DEPTH`` are refused by path before anything else sees them; so is a
    key given twice in one object, whose first value would otherwise vanish.
    """
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            advice = utf8_advice(raw)
            raise InvalidInput(field, f"is not valid UTF-8 (byte {exc.start}){advice}") from None
    else:
        text = raw
    text = text.removeprefix("\ufeff")  # a byte order mark (Notepad's): RFC 8259 may ignore it
    if not text.strip(" \t\r\n"):  # JSON's whitespace alone: the parser blames a character
        raise InvalidInput(field, "is empty: it holds no JSON value")
    if nests_deeper(text, MAX_DEPTH + 1):
        raise InvalidInput(field, f"nests deeper than {MAX_DEPTH} levels")
    try:
        data = json.loads(
            text,
            parse_float=JsonNumber,
            parse_int=_int_or_too_long,
            object_pairs_hook=_unique_keys,
        )
    except json.JSONDecodeError as exc:
        # no JSON holds a raw NUL: UTF-16 or UTF-32 of ASCII reads as UTF-8 with them
        advice = utf8_advice(raw) if isinstance(raw, bytes) and "\x00" in text else ""
        stray = stray_reason(text)  # a space or nothing to the eye, between tokens
        raise InvalidInput(field, stray or f"{not_json(text, exc)}{advice}") from None
    except _KeyTwice as exc:
        raise InvalidInput(
            field, f"has the key {exc.key!r} more than once; which value holds is unclear"
        ) from None
    # inside a document, paths start at its top-level keys (``customer.name``)
    return plain(data, "" if isinstance(data, dict | list) else field)


def json_copy(value: Any) -> Any:
    """A deep copy of JSON-shaped data: new dicts and lists, shared immutable leaves.

    Several times faster than ``copy.deepcopy``, which memoises and dispatches per object.
    """
    if isinstance(value, dict):
        return {key: json_copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_copy(item) for item in value]
    return value

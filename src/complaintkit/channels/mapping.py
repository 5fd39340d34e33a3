"""Column mappings: which column of a row holds each complaint field, and what it means.

A mapping names, for each field, the column that holds it (``text: Narrative|Issue`` takes
the first non-blank of several). ``customer.<field>`` maps customer fields and
``attributes.<name>`` complaint attributes. ``history.<field>`` maps what another system
already recorded (``complaintkit.model.recorded.Recorded``): ``status``,
``first_response_at``, ``resolved_at``, ``closed_at``, ``response``, ``outcome``, ``owner``,
``team``, and ``history.sla.<metric>`` for a recorded timely flag. Nested sections are the
same as dotted keys. A field may translate the column's words::

    history:
      status:
        column: Company response to consumer
        values: {In progress: investigating}
        otherwise: closed
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import yaml

from complaintkit.errors import ConfigError
from complaintkit.model.complaint import shows_nothing
from complaintkit.model.json_syntax import not_json
from complaintkit.model.recorded import INSTANTS
from complaintkit.policy.yaml_errors import yaml_error

REQUIRED = ("external_id", "received_at", "text")
FIELDS = frozenset(
    {*REQUIRED, "subject", "product", "order_id", "language", "amount", "currency"}
    | {f"customer.{name}" for name in ("id", "name", "contact", "tier", "region")}
    | {f"history.{name}" for name in ("status", *INSTANTS, "response", "outcome", "owner", "team")}
)
_OPEN_ENDED = ("attributes.", "history.sla.")
#: The largest mapping file read, in bytes: a mapping of every field, each translating
#: hundreds of words, is a few kilobytes; a larger file is something else named by mistake
#: (``-o columns=/dev/zero`` was read until memory ran out).
MAX_MAPPING_BYTES = 1024 * 1024


@attrs.frozen
class Translation:
    """Words of a column mapped to field values; ``otherwise`` for any other word."""

    values: Mapping[str, str]
    otherwise: str | None = None

    def __call__(self, word: str) -> str:
        return self.values.get(word, word if self.otherwise is None else self.otherwise)


@attrs.frozen
class ColumnMapping:
    """Field → column spec (``a|b``: first non-blank), and the fields' translations."""

    columns: Mapping[str, str]
    translations: Mapping[str, Translation] = attrs.field(factory=dict)

    def column_names(self) -> set[str]:
        return {c for spec in self.columns.values() for c in spec.split("|")}


class _KeyTwice(ValueError):
    """A mapping file gives one key twice: only its last column would be read."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object's pairs as a dict, unless a key is given twice."""
    loaded: dict[str, Any] = {}
    for key, value in pairs:
        if key in loaded:
            raise _KeyTwice(f"{key!r} is given more than once; only the last would hold")
        loaded[key] = value
    return loaded


class _Refused(yaml.MarkedYAMLError):
    """A mapping's own refusal while reading its YAML, in its own words (not PyYAML's)."""


class _UniqueKeysLoader(yaml.SafeLoader):
    """YAML's safe loader, refusing a key given twice in one mapping as ``_unique_keys``
    does (PyYAML keeps the last one silently), and aliases, as policies do: a mapping has
    no use for them, and one that refers to itself (``a: &a {b: *a}``) never ends."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            alias = self.peek_event()  # type: ignore[no-untyped-call]
            raise _Refused(
                problem="aliases (*name) are not allowed in a column mapping; write it out",
                problem_mark=alias.start_mark,
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[str] = set()
        for key, _ in node.value:
            if not isinstance(key, yaml.ScalarNode):
                continue
            if key.value in seen:  # the mark of the second, which would hold
                raise _Refused(
                    problem=f"{key.value!r} is given more than once; only the last would hold",
                    problem_mark=key.start_mark,
                )
            seen.add(key.value)
        return super().construct_mapping(node, deep)


def read_columns(columns: Mapping[str, Any] | str) -> Mapping[str, Any]:
    """The mapping given, or as read from a JSON or YAML file path (unchecked)."""
    if not isinstance(columns, str):
        return columns
    if not columns.strip():  # `-o columns="$MAPPING"` unset: the path '' is the folder
        raise ConfigError(
            "column mapping file name is blank: name a JSON or YAML file, or map each field "
            "with -o columns.<field>=<column>"
        )
    text = _mapping_text(columns)
    try:
        if columns.endswith(".json"):
            loaded = json.loads(text, object_pairs_hook=_unique_keys)
        else:
            loaded = yaml.load(text, Loader=_UniqueKeysLoader)  # noqa: S506 -- a SafeLoader
    except json.JSONDecodeError as exc:
        raise ConfigError(f"column mapping {columns!r}: {not_json(text, exc)}") from None
    except _KeyTwice as exc:
        raise ConfigError(f"column mapping {columns!r}: {exc}") from None
    except _Refused as exc:
        where = f", line {exc.problem_mark.line + 1}" if exc.problem_mark is not None else ""
        raise ConfigError(f"column mapping {columns!r}: {exc.problem}{where}") from None
    except yaml.YAMLError as exc:  # worded as a policy's YAML: the same mistakes
        problem = yaml_error(columns, exc, text).problems[0]
        where = f", line {problem.location.line}" if problem.location.line else ""
        raise ConfigError(f"column mapping {columns!r}: {problem.message}{where}") from None
    if not isinstance(loaded, dict):
        raise ConfigError(f"column mapping {columns!r} must map complaint fields to columns")
    return loaded


def _mapping_text(path: str) -> str:
    """The text of the mapping file ``path``, read no further than ``MAX_MAPPING_BYTES``."""
    try:
        with Path(path).open("rb") as file:
            raw = file.read(MAX_MAPPING_BYTES + 1)
    except OSError as exc:
        raise ConfigError(f"cannot read column mapping {path!r}: {exc.strerror}") from None
    if len(raw) > MAX_MAPPING_BYTES:
        raise ConfigError(
            f"column mapping {path!r} is larger than {MAX_MAPPING_BYTES:,} bytes, more than "
            "any mapping holds: name the mapping's JSON or YAML file"
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(f"column mapping {path!r}: not UTF-8 text, line {line}") from None


def _flatten(raw: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in raw.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping) and "column" not in value:
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def _open_name(field: str) -> str:
    """The name an open-ended field gives after its prefix (``shop`` of ``attributes.shop``)."""
    for prefix in _OPEN_ENDED:
        if field.startswith(prefix):
            return field[len(prefix) :]
    return field


#: What a field's translation may say besides its ``column``.
_TRANSLATION_KEYS = ("column", "values", "otherwise")


def _word(field: str, what: str, value: object) -> str:
    """``value``, a column name or a word of ``field``'s translation, as text; refused when
    it is no text or number: YAML reads an unquoted Yes, No, On or Off as true or false, and
    a blank as nothing, which no export writes."""
    if isinstance(value, bool):
        raise ConfigError(
            f"column mapping: {field} {what} reads as {str(value).lower()} (YAML takes an "
            "unquoted Yes, No, On, Off, true or false for one): quote the word, e.g. 'Yes'"
        )
    if isinstance(value, date):  # YAML's unquoted 2019-03-01 or 2019-03-01 10:00
        raise ConfigError(
            f"column mapping: {field} {what} {value.isoformat()} reads as a date in YAML: "
            "quote it, e.g. '2019-03-01'"
        )
    if not isinstance(value, str | int | float):
        given = "nothing" if value is None else "a list" if isinstance(value, list) else "a map"
        shape = "one column (a|b: the first not blank)" if what == "column" else "one word"
        raise ConfigError(f"column mapping: {field} {what} must be {shape}, not {given}")
    return str(value)


def _translation(field: str, spec: Mapping[str, Any]) -> Translation:
    """The translation ``spec`` gives ``field``; a key it does not know (``otherwize``) is
    refused, not ignored: the words would then pass untranslated and every row be refused."""
    unknown = [key for key in spec if key not in _TRANSLATION_KEYS]
    if unknown:
        raise ConfigError(
            f"column mapping: {field} has {', '.join(map(repr, unknown))}; a translation "
            f"gives {', '.join(_TRANSLATION_KEYS)}"
        )
    words = spec.get("values") or {}
    if not isinstance(words, Mapping):
        raise ConfigError(f"column mapping: {field}.values must map words to values")
    values = {
        _word(field, "values word", word): _word(field, f"values {word!r}", meant)
        for word, meant in words.items()
    }
    otherwise = spec.get("otherwise")
    return Translation(values, None if otherwise is None else _word(field, "otherwise", otherwise))


def load_mapping(columns: Mapping[str, Any] | str) -> ColumnMapping:
    """The column mapping given, or read from a JSON or YAML file path; checked."""
    flat = _flatten(read_columns(columns))
    specs: dict[str, str] = {}
    translations: dict[str, Translation] = {}
    for field, value in flat.items():
        if field not in FIELDS and not field.startswith(_OPEN_ENDED):
            raise ConfigError(
                f"column mapping: {field!r} is not a complaint field; use one of "
                f"{', '.join(sorted(FIELDS))}, attributes.<name> or history.sla.<metric>"
            )
        if field not in FIELDS and shows_nothing(_open_name(field)):
            raise ConfigError(  # a key of spaces no condition can name, nor a reader tell
                f"column mapping: {field!r} names no attribute or metric after its dot; "
                "write attributes.<name> or history.sla.<metric>"
            )
        spec = value
        if isinstance(value, Mapping):
            translations[field] = _translation(field, value)
            spec = value["column"]
        specs[field] = _word(field, "column", spec)
    missing = [f for f in REQUIRED if f not in specs]
    if missing:
        raise ConfigError(f"column mapping: map {', '.join(missing)} to a column")
    return ColumnMapping(specs, translations)

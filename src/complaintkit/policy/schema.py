"""The policy JSON Schema (draft 2020-12), assembled from the section modules.

The header keys and the shared ``$defs`` live here; every section contributes its own
top-level keys (:mod:`complaintkit.policy.sections`). The result ships as package data
(``policy.schema.json``) so editors can complete and check policy files; regenerate it with
``complaintkit schema --write`` (or ``python -m complaintkit.policy.schema --write``) after
changing a section, and a test fails while the committed copy is stale.
"""

from __future__ import annotations

import difflib
import json
import sys
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Final

import jsonschema
from jsonschema.exceptions import ValidationError, best_match

from complaintkit.errors import Location, Problem
from complaintkit.model.money import MINOR_UNITS, unknown_currency
from complaintkit.policy.as_written import as_written, got
from complaintkit.policy.catalog import ID_PATTERN
from complaintkit.policy.document import FORMAT_VERSION
from complaintkit.policy.sections import section_modules
from complaintkit.policy.tables import HIT_POLICIES

SCHEMA_ID: Final = "https://complaintkit.dev/schema/policy.schema.json"
SCHEMA_FILE: Final = Path(__file__).with_name("policy.schema.json")
REGENERATE: Final = "complaintkit schema --write"
#: Most schema errors reported for one document; the rest would only repeat the cause.
MAX_SCHEMA_ERRORS: Final = 50
#: How like an allowed key an unknown one must be to be offered (catgory: categories, but
#: not intake: name).
_CLOSE_ENOUGH: Final = 0.7

_CONDITION: Final = {
    "type": "object",
    "minProperties": 1,
    "description": (
        "A condition: {field: <path>, <operator>: <value>}, {history: <fact>, <operator>: "
        "<value>}, {keywords: [...], fields: [...]}, {all: [...]}, {any: [...]}, {not: {...}}"
    ),
    "properties": {
        "field": {"type": "string", "description": "Dotted path: complaint.text, customer.tier"},
        "history": {
            "description": "Customer-history fact: open_cases or {complaints_in_last_days: 30}",
            "type": ["string", "object"],
        },
        "keywords": {
            "type": "array",
            "items": {
                "anyOf": [
                    {"type": "string", "minLength": 1},
                    {
                        "type": "object",
                        "required": ["text"],
                        "additionalProperties": False,
                        "properties": {
                            "text": {"type": "string", "minLength": 1},
                            "match": {"enum": ["word", "prefix", "substring"]},
                            "except": {"type": "array", "items": {"type": "string"}},
                        },
                    },
                ]
            },
            "minItems": 1,
            "description": "Any of these words (Chinese as substrings, English on word bounds).",
        },
        "match": {
            "enum": ["word", "prefix", "substring"],
            "description": "How English keywords match: whole words (default), word "
            "starts, or anywhere.",
        },
        "except": {
            "type": "array",
            "items": {"type": "string", "minLength": 1},
            "description": "Phrases a keyword is not counted inside (没送 but not 没送到).",
        },
        "fields": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "all": {"type": "array", "items": {"$ref": "#/$defs/condition"}, "minItems": 1},
        "any": {"type": "array", "items": {"$ref": "#/$defs/condition"}, "minItems": 1},
        "not": {"$ref": "#/$defs/condition"},
        "regex": {"type": "string", "description": "A bounded regular expression."},
        "in": {"type": "array"},
        "not in": {"type": "array"},
        "between": {"type": "array", "minItems": 2, "maxItems": 2},
        "exists": {"type": "boolean"},
    },
}

_TABLE: Final = {
    "type": "object",
    "description": "A DMN-style rule table.",
    "properties": {
        "hit_policy": {"enum": list(HIT_POLICIES), "default": "first"},
        "description": {"type": "string"},
        "rules": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "description": {"type": "string"},
                    "when": {"$ref": "#/$defs/condition"},
                    "then": {"type": "object"},
                    "priority": {"type": "number"},
                },
                "required": ["id", "then"],
                "additionalProperties": False,
            },
        },
        "default": {"type": "object", "description": "Outputs when no row matches."},
    },
    "required": ["rules"],
    "additionalProperties": False,
}

LANGUAGE_PATTERN: Final = "^[a-z]{2,3}(-[A-Za-z0-9]+)*$"
_LABEL: Final = {
    "description": "A label: text, or per language {zh: 产品, en: Product}.",
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "propertyNames": {"pattern": LANGUAGE_PATTERN},
            "additionalProperties": {"type": "string", "minLength": 1},
            "minProperties": 1,
        },
    ],
}


def build_schema() -> dict[str, Any]:
    """The whole policy schema, from the header and every section's fragment."""
    properties: dict[str, Any] = {
        "$schema": {"type": "string"},
        "complaintkit": {
            "const": FORMAT_VERSION,
            "description": "Policy format version; this release reads 1.",
        },
        "name": {"type": "string", "minLength": 1},
        "version": {"type": ["string", "integer"], "description": "Your policy's version."},
        "description": {"type": "string"},
        "extends": {
            "description": "A policy file (relative path) or pack name, or a list of them.",
            "anyOf": [
                {"type": "string", "minLength": 1},
                {"type": "array", "items": {"type": "string", "minLength": 1}},
            ],
        },
        "precedence": {
            "description": "When several extended policies set the same value or row "
            "differently: their extends names, the one that wins first.",
            "type": "array",
            "items": {"type": "string", "minLength": 1},
        },
    }
    defs: dict[str, Any] = {"condition": _CONDITION, "table": _TABLE, "label": _LABEL}
    for module in section_modules():
        properties.update(module.SCHEMA)
        defs.update(getattr(module, "DEFS", {}))
    relaxed, required = _supplied_by_a_parent(
        {"type": "object", "properties": properties, "required": ["complaintkit"]}
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "complaintkit policy",
        **relaxed,
        "additionalProperties": False,
        # a policy that extends another one need not repeat what its parent supplies
        "if": {"required": ["extends"]},
        "else": required,
        "$defs": defs,
    }


def _supplied_by_a_parent(fragment: Any) -> tuple[Any, dict[str, Any]]:
    """``fragment`` without the ``required`` keys of mappings, and a schema of just those.

    Mappings merge key by key under ``extends``, so a parent can supply any of their keys;
    lists (rule rows included) are replaced whole, and keys required inside ``anyOf``,
    ``oneOf`` or a ``$ref`` tell shapes apart, so those stay where they are.
    """
    if not isinstance(fragment, dict):
        return fragment, {}
    relaxed = {k: v for k, v in fragment.items() if k != "required"}
    required: dict[str, Any] = {}
    if "required" in fragment:
        required["required"] = fragment["required"]
    inner: dict[str, Any] = {}
    if isinstance(fragment.get("properties"), dict):
        relaxed["properties"] = {}
        for key, value in fragment["properties"].items():
            relaxed["properties"][key], inner[key] = _supplied_by_a_parent(value)
    extra: dict[str, Any] = {}
    if isinstance(fragment.get("additionalProperties"), dict):
        relaxed["additionalProperties"], extra = _supplied_by_a_parent(
            fragment["additionalProperties"]
        )
    if extra:
        if inner:  # every named key listed, so that additionalProperties skips it
            required["properties"] = {k: v or True for k, v in inner.items()}
        required["additionalProperties"] = extra
    elif any(inner.values()):
        required["properties"] = {k: v for k, v in inner.items() if v}
    return relaxed, required


def render_schema() -> str:
    return json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n"


def shipped_schema() -> dict[str, Any]:
    """The schema as shipped in the package."""
    data: dict[str, Any] = json.loads(
        files("complaintkit.policy").joinpath("policy.schema.json").read_text("utf-8")
    )
    return data


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = build_schema()
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def _path(parts: Iterable[object]) -> str:
    out = ""
    for part in parts:
        out = f"{out}[{part}]" if isinstance(part, int) else f"{out}.{part}" if out else str(part)
    return out


def schema_problems(data: object, locate: Callable[[str], Location]) -> list[Problem]:
    """The most relevant schema error per offending node, located."""
    groups: dict[str, list[ValidationError]] = {}
    for error in _validator().iter_errors(data):  # type: ignore[arg-type]
        # each badly named key on its own: several may share one mapping
        node = _where(error) if _is_key_name(error) else _path(error.absolute_path)
        groups.setdefault(node, []).append(error)
    problems = []
    for errors in list(groups.values())[:MAX_SCHEMA_ERRORS]:
        error = _fitting(best_match(errors))  # may descend into anyOf to the deeper cause
        problems.append(
            Problem(
                locate(_where(error)),
                _message(error),
                _hint(error),
                code=f"schema.{error.validator}",
            )
        )
    return problems


def _fitting(error: ValidationError | None) -> ValidationError:
    """For an ``anyOf`` no branch fits, the cause in the branch of the value's own type: a
    label mapping with a key that is no language is about that key, not 'any of the given
    schemas'."""
    assert error is not None
    if error.validator == "anyOf" and error.context:
        causes = [e for e in error.context if e.validator != "type"]
        if causes:
            return _fitting(best_match(causes))
    return error


def _where(error: ValidationError) -> str:
    """The path of the node to point at: an unexpected or badly named key itself rather
    than the mapping holding it."""
    parts: list[object] = list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        parts += _unexpected(error)[:1]
    elif _is_key_name(error):
        parts.append(error.instance)
    return _path(parts)


def _unexpected(error: ValidationError) -> list[str]:
    """The keys an ``additionalProperties`` error is about."""
    allowed = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    instance = error.instance if isinstance(error.instance, dict) else {}
    return [k for k in instance if k not in allowed]


def _is_key_name(error: ValidationError) -> bool:
    return "propertyNames" in error.schema_path and isinstance(error.instance, str)


def _message(error: ValidationError) -> str:
    if error.validator == "additionalProperties":
        return f"{error.message} (not allowed here)"
    if error.validator == "const" and list(error.absolute_path) == ["complaintkit"]:
        return f"unsupported policy format {error.instance!r}; this release reads {FORMAT_VERSION}"
    if _is_key_name(error) and error.schema == {"pattern": ID_PATTERN}:
        return (
            f"{error.instance!r} is not a usable id: ids are ASCII letters, digits and _ . - "
            "(rules, routing and reports refer to them); labels carry the Chinese"
        )
    special = _special(error)
    return _as_written_message(error) if special is None else special[0]


def _as_written_message(error: ValidationError) -> str:
    """The validator's message with the value it starts with, and an ``enum``'s choices,
    spelt as YAML writes them (``[a, b]``, ``null``, ``true``), not as Python's repr."""
    if error.validator == "type":
        wanted = " or ".join(_TYPE_NAMES.get(kind, kind) for kind in sorted(_kinds(error)))
        return f"expected {wanted} (got {got(error.instance)})"
    message = error.message
    if error.validator == "enum" and isinstance(error.validator_value, list):
        choices = ", ".join(map(as_written, error.validator_value))
        return f"{as_written(error.instance)} is not one of {choices}"
    shown = repr(error.instance)
    return (
        as_written(error.instance) + message[len(shown) :] if message.startswith(shown) else message
    )


def _special(error: ValidationError) -> tuple[str, str] | None:
    """``(message, hint)`` for a mistake the schema's own words would not explain."""
    if _is_key_name(error) and error.schema == {"pattern": LANGUAGE_PATTERN}:
        return (
            f"{error.instance!r} is not a language code",
            "label languages are codes such as zh, en, zh-Hant, en-GB",
        )
    if isinstance(error.schema, dict) and error.schema.get("enum") == sorted(MINOR_UNITS):
        return unknown_currency(error.instance)
    if (misread := _misread_text(error)) is not None:
        return misread
    if "string" in _kinds(error) and isinstance(error.instance, float):
        return (
            f"YAML reads this as the number {error.instance!r}, not as text",
            'quote it as written, e.g. "2026.10" (unquoted, YAML reads that as 2026.1)',
        )
    if (number := _number_as_text(error)) is not None:
        return (
            f"YAML reads {error.instance} as text, not as a number",
            f"write it out ({number:f}), or with a point and a sign: 1.0e+3",
        )
    return _no_accepted_type(error)


def _misread_text(error: ValidationError) -> tuple[str, str] | None:
    """``(message, hint)`` for a bare word YAML 1.1 read as true or false (``no``, ``on``)
    or as a date (``2026-01-01``) where only text goes; None for any other value."""
    if "string" not in _kinds(error) or not isinstance(error.instance, bool | date):
        return None
    return f"YAML reads this as {_read_as(error.instance)}, not as text", _quote_hint(
        error.instance
    )


def _read_as(value: object) -> str:
    """What YAML made of ``value``: true, the date 2026-01-01, 0.5."""
    return f"the date {as_written(value)}" if isinstance(value, date) else as_written(value)


def _quote_hint(value: object) -> str:
    if isinstance(value, bool):
        return (
            'quote it if it is text, e.g. "no": unquoted, yes, no, on and off (in any case) '
            "are true and false to YAML"
        )
    return f'quote it: "{as_written(value)}"'


#: JSON Schema types as an author reads them.
_TYPE_NAMES: Final = {
    "string": "text",
    "object": "a mapping",
    "array": "a list",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "nothing",
}


def _no_accepted_type(error: ValidationError) -> tuple[str, str] | None:
    """For a value of none of the types an ``anyOf`` takes (``resolution: 0``), what they
    are and the description of one, not 'not valid under any of the given schemas'."""
    branches = error.context if error.validator == "anyOf" else None
    if not branches or any(branch.validator != "type" for branch in branches):
        return None
    kinds = [_TYPE_NAMES.get(kind, kind) for branch in branches for kind in sorted(_kinds(branch))]
    described = [b.schema.get("description") for b in branches if isinstance(b.schema, dict)]
    description = next((str(d) for d in described if d), "")
    hint = description or "see docs/policies.md or the schema"
    if "text" in kinds and isinstance(error.instance, bool | date):
        quote = _quote_hint(error.instance)
        hint = f"{description} ({quote})" if description else quote
    return f"expected {' or '.join(dict.fromkeys(kinds))} (got {_read_as(error.instance)})", hint


def _kinds(error: ValidationError) -> set[str]:
    """The JSON types a ``type`` error wanted."""
    wanted = error.validator_value if error.validator == "type" else None
    return (
        {wanted} if isinstance(wanted, str) else set(wanted) if isinstance(wanted, list) else set()
    )


def _number_as_text(error: ValidationError) -> Decimal | None:
    """The number a value where one is wanted spells, which YAML 1.1 read as text
    (``1e3`` has no point, so it is no float to YAML)."""
    if not isinstance(error.instance, str) or not {"number", "integer"} & _kinds(error):
        return None
    try:
        number = Decimal(error.instance.strip())
    except ArithmeticError:
        return None
    # written out, a number beyond 30 digits either side of the point is no help
    return number if number.is_finite() and abs(number.adjusted()) <= 30 else None


def _hint(error: ValidationError) -> str:
    if (special := _special(error)) is not None:
        return special[1]
    if _is_key_name(error) and error.schema == {"pattern": ID_PATTERN}:
        return f"e.g. quality: {{label: {{zh: {error.instance}}}}} instead of {error.instance}: …"
    allowed = error.schema.get("properties") if isinstance(error.schema, dict) else None
    if error.validator == "additionalProperties" and allowed:
        listed = f"allowed keys here: {', '.join(allowed)}"
        key = next(iter(_unexpected(error)), "")
        meant = difflib.get_close_matches(key, list(allowed), n=1, cutoff=_CLOSE_ENOUGH)
        return f"did you mean {meant[0]!r}? {listed}" if meant else listed
    if error.validator == "required":
        return "add the missing key" + (
            "; a policy starts with complaintkit: 1" if "complaintkit" in error.message else ""
        )
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    return str(description or "see docs/policies.md or the schema (complaintkit schema)")


def main(argv: list[str] | None = None) -> int:
    """``python -m complaintkit.policy.schema [--write]``."""
    args = sys.argv[1:] if argv is None else argv
    if "--write" in args:
        SCHEMA_FILE.write_text(render_schema(), encoding="utf-8")
        sys.stdout.write(f"wrote {SCHEMA_FILE}\n")
    else:
        sys.stdout.write(render_schema())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

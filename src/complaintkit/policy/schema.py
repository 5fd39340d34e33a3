"""The policy JSON Schema (draft 2020-12), assembled from the section modules.

The header keys and the shared ``$defs`` live here; every section contributes its own
top-level keys (:mod:`complaintkit.policy.sections`). The result ships as package data
(``policy.schema.json``) so editors can complete and check policy files; regenerate it in a
checkout with ``REGENERATE`` after changing a section, and a test fails while the committed
copy is stale. Nothing here writes the package's copy: an installed package is no place a
command should write.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import cache
from importlib.resources import files
from typing import Any, Final

import jsonschema
from jsonschema.exceptions import ValidationError, best_match

from complaintkit.errors import Location, Problem
from complaintkit.policy.catalog import LANGUAGE_PATTERN
from complaintkit.policy.check_words import is_key_name, path_of, where
from complaintkit.policy.document import FORMAT_VERSION
from complaintkit.policy.file_formats import in_yaml
from complaintkit.policy.flow_items import list_hint
from complaintkit.policy.schema_words import alternatives, format_words, worded
from complaintkit.policy.sections import section_modules
from complaintkit.policy.tables import HIT_POLICIES
from complaintkit.sla.calendar_names import calendar_setting_hint

SCHEMA_ID: Final = "https://complaintkit.dev/schema/policy.schema.json"
REGENERATE: Final = "complaintkit schema --out src/complaintkit/policy/policy.schema.json"
#: Most schema errors reported for one document; the rest would only repeat the cause.
MAX_SCHEMA_ERRORS: Final = 50

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
        "money": {"type": "boolean", "description": "Whether the fact is an amount of money."},
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
    lists (rule rows included) are replaced whole, and keys required inside ``oneOf`` or a
    ``$ref`` tell shapes apart, so those stay where they are. An ``anyOf`` of required
    keys alone (a calendar's ``timezone`` and ``hours``, or ``intersect``) says which keys
    make the mapping whole, which a parent supplies too (a holiday added to its calendar).
    """
    if not isinstance(fragment, dict):
        return fragment, {}
    whole = _keys_alone(fragment.get("anyOf"))
    relaxed = {
        k: v for k, v in fragment.items() if k != "required" and not (whole and k == "anyOf")
    }
    required: dict[str, Any] = {}
    if "required" in fragment:
        required["required"] = fragment["required"]
    if whole:
        required["anyOf"] = fragment["anyOf"]
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


def _keys_alone(branches: Any) -> bool:
    """Whether ``branches`` (an ``anyOf``) each require keys and say nothing else."""
    return isinstance(branches, list) and all(
        isinstance(b, dict) and set(b) == {"required"} for b in branches
    )


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


def schema_problems(data: object, locate: Callable[[str], Location]) -> list[Problem]:
    """The most relevant schema error per offending node, located and worded for authors
    (:mod:`complaintkit.policy.schema_words`)."""
    groups: dict[str, list[ValidationError]] = {}
    for error in _validator().iter_errors(data):  # type: ignore[arg-type]
        # each badly named key on its own: several may share one mapping
        node = where(error) if is_key_name(error) else path_of(error.absolute_path)
        groups.setdefault(node, []).append(error)
    problems: list[Problem] = []
    for errors in list(groups.values())[:MAX_SCHEMA_ERRORS]:
        error = _fitting(best_match(errors))  # may descend into anyOf to the deeper cause
        yaml = in_yaml(locate(path_of(error.absolute_path)))
        problems.extend(
            Problem(locate(path), message, _hint(each, data) or hint, code=_code(each))
            for each in (error, *_unknown_keys_beside(error, errors))
            for path, message, hint in worded(each, yaml)
        )
    # 1.0 equals 1 to the schema's const, but the format is a whole number
    if isinstance(data, dict) and isinstance(data.get("complaintkit"), float):
        message, hint = format_words(data["complaintkit"])
        problems.append(Problem(locate("complaintkit"), message, hint, code="schema.const"))
    return problems


def _hint(error: ValidationError, data: object) -> str | None:
    """A hint that needs the whole policy (a list its mapping split, the calendars it
    declares), or None where the error's own words do."""
    return list_hint(error, data) or calendar_setting_hint(error, data)


#: The code of a problem with a key's name only: what the key holds is checked all the same.
KEY_NAME: Final = "schema.key-name"


def _code(error: ValidationError) -> str:
    """``schema.<validator>``; a name a section still reads (``calendars: {办公室: …}``)
    is :data:`KEY_NAME`, so the problems inside it are reported in the same run."""
    if is_key_name(error) and error.validator == "pattern":
        return KEY_NAME
    return f"schema.{error.validator}"


def _unknown_keys_beside(error: ValidationError, errors: list[ValidationError]) -> list[Any]:
    """The unknown-key errors of the mapping ``error`` is about, when it is another kind:
    a misspelt key (``thne:`` for ``then:``) is also a missing one, and the author is
    looking for the key written, not only the one left out."""
    pool = error.parent.context if error.parent is not None else errors
    return [
        other
        for other in pool or ()
        if other.validator == "additionalProperties"
        and other is not error
        and other.absolute_path == error.absolute_path
    ]


def _fitting(error: ValidationError | None) -> ValidationError:
    """For an ``anyOf`` or ``oneOf`` no branch fits, the cause in the branch of the value's
    own type: a label mapping with a key that is no language is about that key, not 'any of
    the given schemas'. Forms told apart only by their keys are worded as they are."""
    assert error is not None
    if error.validator in ("anyOf", "oneOf") and error.context and alternatives(error) is None:
        # a branch that lists values (a bare remedy kind) is no cause for a mapping or list
        causes = [
            e
            for e in error.context
            if e.validator != "type"
            and not (e.validator in ("enum", "const") and isinstance(e.instance, dict | list))
        ]
        if causes:
            return _fitting(best_match(causes))
    return error


def main() -> int:
    """``python -m complaintkit.policy.schema``: print the schema, as ``complaintkit schema``."""
    sys.stdout.write(render_schema())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

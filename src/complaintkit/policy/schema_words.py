"""Schema errors in a policy author's words, never jsonschema's.

jsonschema speaks of itself ("Additional properties are not allowed ('x' was unexpected)",
"[] should be non-empty"), spells values as Python does and may reword between releases.
Every check the policy schema uses is worded here instead: what is wrong, each value spelt
as YAML writes it, and a hint saying what to write.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any, Final
from unicodedata import normalize

from jsonschema.exceptions import ValidationError

from complaintkit.model.money import MINOR_UNITS, unknown_currency
from complaintkit.policy import shape_hints
from complaintkit.policy.as_written import as_written, as_yaml, got
from complaintkit.policy.catalog import ID_PATTERN, LANGUAGE_PATTERN
from complaintkit.policy.check_words import (
    BY_KIND,
    TYPE_NAMES,
    checked,
    country,
    form,
    in_path,
    is_key_name,
    keys_of,
    kinds,
    path_of,
    type_words,
    where,
)
from complaintkit.policy.document import FORMAT_VERSION
from complaintkit.policy.key_hints import unknown_key_hint
from complaintkit.policy.list_texts import range_items, unbracketed
from complaintkit.policy.meant_values import (
    meant_id,
    meant_language,
    meant_value,
)
from complaintkit.policy.number_hints import number_hint
from complaintkit.policy.required_keys import required_hint
from complaintkit.policy.row_outputs import (
    ROW_KEYS,
    is_row_priority_in_words,
    row_key_hint,
    row_priority_hint,
)
from complaintkit.policy.section_keys import section_hint
from complaintkit.policy.share_words import share_advice
from complaintkit.policy.typos import close_matches

#: ``(path, message, hint)`` of one problem.
Worded = tuple[str, str, str]

_SEE: Final = "see docs/policies.md or the schema (complaintkit schema)"
#: An id of each vocabulary, for the hint to a Chinese name written as one.
_ID_EXAMPLES: Final = {
    "categories": "product",
    "severities": "critical",
    "priorities": "urgent",
    "teams": "support",
}


def alternatives(error: ValidationError) -> list[list[str]] | None:
    """The key sets of an ``anyOf`` or ``oneOf`` that only tells forms apart by the keys
    they need (a trigger: sla and elapsed, since and after, or condition); else None."""
    branches = checked(error) if error.validator in ("anyOf", "oneOf") else None
    if not isinstance(branches, list) or not all(
        isinstance(b, dict) and list(b) == ["required"] for b in branches
    ):
        return None
    return [list(b["required"]) for b in branches]


def worded(error: ValidationError, yaml: bool = True) -> list[Worded]:
    """One ``(path, message, hint)`` per thing ``error`` finds wrong: each unknown key of
    a mapping on its own, where it is written; ``yaml``: the value was read from YAML, whose
    unquoted words may be another type than their author meant."""
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        schema = error.schema if isinstance(error.schema, dict) else {}
        allowed = schema.get("properties", {})
        row = error.instance if set(allowed) == ROW_KEYS else None  # a table's row
        return [
            _unknown_key(list(error.absolute_path), key, allowed, row, schema)
            for key in error.instance
            if key not in allowed
        ]
    special = _special(error, yaml)
    if special is not None:
        return [(where(error), *special)]
    words = BY_KIND.get(str(error.validator))
    message = words(error) if words else f"{as_written(error.instance)} is not allowed here"
    return [(where(error), message, _hint(error))]


def _unknown_key(
    at: list[object],
    key: str,
    allowed: Iterable[str],
    row: dict[str, Any] | None,
    schema: dict[str, Any],
) -> Worded:
    """``key`` unknown in the mapping at ``at``; at the top (``schema``: the policy's) a
    key of a section says which it goes under."""
    hint = unknown_key_hint(key, allowed) if row is None else row_key_hint(row, key)
    if not at and not hint.startswith("did you mean") and (section := section_hint(key, schema)):
        hint = section
    return path_of([*at, key]), f"unknown key {key!r}{in_path(path_of(at))}", hint


def format_words(written: object) -> tuple[str, str]:
    """An unsupported format, or this one written as text (``"1"``, a full-width one):
    "unsupported format '1'; this release reads 1" would contradict itself."""
    if isinstance(written, str) and normalize("NFKC", written).strip() == str(FORMAT_VERSION):
        return (
            f"the policy format is the number {FORMAT_VERSION}, not the text {got(written)}",
            f"write complaintkit: {FORMAT_VERSION}, an ASCII number without quotes",
        )
    if isinstance(written, float) and written == FORMAT_VERSION:
        return (
            f"the policy format is the whole number {FORMAT_VERSION}, not {written!r}",
            f"write complaintkit: {FORMAT_VERSION}, without a decimal point",
        )
    return (
        f"unsupported policy format {got(written)}; this release reads {FORMAT_VERSION}",
        f"write complaintkit: {FORMAT_VERSION}, the format this release reads",
    )


def _special(error: ValidationError, yaml: bool = True) -> tuple[str, str] | None:
    """``(message, hint)`` for a mistake the wording of its kind would not explain."""
    if is_key_name(error):
        return _key_name(error)
    if error.validator == "const" and list(error.absolute_path) == ["complaintkit"]:
        return format_words(error.instance)
    if (forms := alternatives(error)) is not None:
        return _alternative_keys(error, forms)
    if (share := share_advice(error)) is not None:
        return share
    if _is_row_priority_in_words(error):
        return f"expected a number (got {as_written(error.instance)})", row_priority_hint(
            error.instance
        )
    return _misread(error) if yaml else _typed(error)


def _is_row_priority_in_words(error: ValidationError) -> bool:
    """A table row's ``priority: urgent``: the case's priority, written beside ``when``."""
    at = list(error.absolute_path)
    return (
        len(at) >= 3
        and at[-1] == "priority"
        and isinstance(at[-2], int)
        and at[-3] == "rules"
        and is_row_priority_in_words({"priority": error.instance})
    )


def _misread(error: ValidationError) -> tuple[str, str] | None:
    """``(message, hint)`` for a value YAML read otherwise than its author meant."""
    if isinstance(error.schema, dict) and error.schema.get("enum") == sorted(MINOR_UNITS):
        return unknown_currency(error.instance)
    if (misread := _misread_text(error)) is not None:
        return misread
    if (collection := _collection_for_text(error)) is not None:
        return collection
    if "string" in kinds(error) and isinstance(error.instance, float):
        return (
            f"YAML reads this as the number {error.instance!r}, not as text",
            'quote it as written, e.g. "2026.10" (unquoted, YAML reads that as 2026.1)',
        )
    if (number := _number_as_text(error)) is not None:
        return f"YAML reads {error.instance} as text, not as a number", _number_hint(error, number)
    return _no_accepted_type(error)


def _typed(error: ValidationError) -> tuple[str, str] | None:
    """``(message, hint)`` for a value of another type than the one wanted, in JSON or TOML,
    which read what their author wrote: a number, true or a date where text goes is quoted."""
    value = error.instance
    if "string" in kinds(error) and isinstance(value, bool | int | float | date):
        message = (
            type_words(error) if len(kinds(error)) > 1 else f"expected text (got {_read_as(value)})"
        )
        return message, f'write it in quotes: "{as_written(value)}"'
    if isinstance(error.schema, dict) and error.schema.get("enum") == sorted(MINOR_UNITS):
        return unknown_currency(value)
    return _no_accepted_type(error, yaml=False)


def _collection_for_text(error: ValidationError) -> tuple[str, str] | None:
    """``(message, hint)`` for a whole number, a mapping or a list where only text goes:
    unquoted, ``5`` is a number to YAML, ``{case.resolution}`` a mapping of one key and
    ``[紧急]`` a list; text that reads so is given back quoted."""
    value = error.instance
    if kinds(error) != {"string"} or isinstance(value, bool):
        return None
    if isinstance(value, int):  # text the schema describes (a duration) says what to write
        described = error.schema.get("description") if isinstance(error.schema, dict) else None
        return f"expected text (got the number {value})", str(
            described or f'write it in quotes: "{value}"'
        )
    if isinstance(value, dict) and value and all(v is None for v in value.values()):
        text, kind = "{" + ", ".join(map(str, value)) + "}", "a mapping"
    elif isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        text, kind = "[" + ", ".join(map(str, value)) + "]", "a list"
    elif isinstance(value, dict | list):
        return type_words(error), "write one text here, in quotes if it holds : { } [ ] or #"
    else:
        return None
    message = f"expected text (got {text}, which YAML reads unquoted as {kind})"
    return message, f'quote it if it is the text: "{text}"'


def _key_name(error: ValidationError) -> tuple[str, str]:
    """A key whose name the schema refuses: no id, no language, no action, no name."""
    key, pattern = error.instance, checked(error)
    if error.validator == "pattern" and pattern == ID_PATTERN:
        section = str(next(iter(error.absolute_path), ""))
        spelt = "_".join(normalize("NFKC", str(key)).split())  # typed full-width, or "a b"
        return (
            f"{key!r} is not a usable id: ids are ASCII letters, digits and _ . - "
            "(rules, routing and reports refer to them); labels carry the Chinese",
            f"write {spelt}: the id it spells"
            if re.match(ID_PATTERN, spelt)
            else f"e.g. {_ID_EXAMPLES.get(section, 'quality')}: {{label: {{zh: {key}}}}} "
            f"instead of {key}: …",
        )
    if error.validator == "pattern" and pattern == LANGUAGE_PATTERN:
        at = list(error.absolute_path)
        if key in ("subject", "body") and len(at) == 2 and at[0] == "templates":
            return (
                f"{key!r} is not a language code",
                f"a template is written language first: {at[1]}: {{zh: {{subject: …, body: …}}}}",
            )
        code = meant_language(key)
        return (
            f"{key!r} is {country(error)}not a language code",
            f"write {code}: the label languages are codes such as zh, en, zh-Hant, en-GB"
            if code
            else "label languages are codes such as zh, en, zh-Hant, en-GB",
        )
    if error.validator == "enum" and isinstance(pattern, list):
        mapping = path_of(list(error.absolute_path))
        return f"unknown key {key!r}{in_path(mapping)}", unknown_key_hint(key, map(str, pattern))
    if error.validator == "pattern":
        hint = _hint(error)
        if hint == _SEE and isinstance(key, str) and not key.isascii():
            hint = (
                f"e.g. office: … instead of {key}: …, and that name where it is used; "
                "a label or description can carry the Chinese"
            )
        return f"{key!r} is not a usable name here: write {form(error)}", hint
    return f"{key!r} is not a usable name here", _hint(error)


def _alternative_keys(error: ValidationError, forms: list[list[str]]) -> tuple[str, str]:
    listed = ", or ".join(" and ".join(keys) for keys in forms)
    if not isinstance(error.instance, dict):  # text or a list meets every form by keys
        schema = error.schema if isinstance(error.schema, dict) else {}
        keys = [*schema.get("required", []), *forms[0]]
        written = ", ".join(f"{key}: …" for key in keys)
        return (
            f"expected a mapping with the keys {listed} (got {got(error.instance)})",
            f"write it as a mapping: {{{written}}}",
        )
    if error.validator == "oneOf" and not error.context:  # more than one form met
        return f"give the keys of one form only: {listed}", _hint(error)
    return f"expected the keys {listed}", _nearest_form_hint(error, forms)


def _nearest_form_hint(error: ValidationError, forms: list[list[str]]) -> str:
    """What to add to complete the form the mapping already has most keys of
    (``hours`` without ``timezone``), when it has any; else what the schema says."""
    have = keys_of(error.instance)
    nearest = max(forms, key=lambda form: sum(key in have for key in form))
    missing = [key for key in nearest if key not in have]
    described = _hint(error)
    if len(missing) == len(nearest) or not missing:
        return described
    added = required_hint(path_of(list(error.absolute_path)), missing)
    return added if described == _SEE else f"{added}; or {described}"


def _misread_text(error: ValidationError) -> tuple[str, str] | None:
    """``(message, hint)`` for a bare word YAML 1.1 read as true or false (``no``, ``on``)
    or as a date (``2026-01-01``) where only text goes; None for any other value."""
    if "string" not in kinds(error) or not isinstance(error.instance, bool | date):
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


def _no_accepted_type(error: ValidationError, yaml: bool = True) -> tuple[str, str] | None:
    """For a value of none of the types an ``anyOf`` takes (``resolution: 0``), what they
    are and the description of one, not 'not valid under any of the given schemas'."""
    branches = error.context if error.validator == "anyOf" else None
    if not branches or any(branch.validator != "type" for branch in branches):
        return None
    names = [TYPE_NAMES.get(kind, kind) for branch in branches for kind in sorted(kinds(branch))]
    described = [b.schema.get("description") for b in branches if isinstance(b.schema, dict)]
    own = error.schema.get("description") if isinstance(error.schema, dict) else None
    description = next((str(d) for d in (*described, own) if d), "")
    hint = _shape_hint(error, [kind for branch in branches for kind in kinds(branch)], description)
    if "text" in names and isinstance(error.instance, bool | date):
        quote = (
            _quote_hint(error.instance)
            if yaml
            else f'write it in quotes: "{as_written(error.instance)}"'
        )
        hint = f"{description} ({quote})" if description else quote
    return f"expected {' or '.join(dict.fromkeys(names))} (got {_read_as(error.instance)})", hint


def _number_hint(error: ValidationError, number: Decimal) -> str:
    """How to write the number ``error``'s text spells so that YAML reads a number: in ASCII
    digits, without the quotes its author put round it (unquoted, YAML reads ``3`` as a
    number), or, for ``1e3``, written out or as YAML 1.1's floats are."""
    text = str(error.instance).strip()
    if not text.isascii():  # Decimal reads any script's digits
        return f"write {number:f} in ASCII digits (full-width digits are text)"
    if "e" in text.lower():
        return f"write it out ({number:f}), or with a point and a sign: 1.0e+3"
    at = list(error.absolute_path)
    key = f"{at[-1]}: " if at and isinstance(at[-1], str) else ""
    return f"write it without quotes: {key}{text}"


def _number_as_text(error: ValidationError) -> Decimal | None:
    """The number a value where one is wanted spells, which YAML 1.1 read as text
    (``1e3`` has no point, so it is no float to YAML)."""
    if not isinstance(error.instance, str) or not {"number", "integer"} & kinds(error):
        return None
    try:
        number = Decimal(error.instance.strip())
    except ArithmeticError:
        return None
    # written out, a number beyond 30 digits either side of the point is no help
    return number if number.is_finite() and abs(number.adjusted()) <= 30 else None


def _hint(error: ValidationError) -> str:
    if error.validator == "required":
        have = error.instance if isinstance(error.instance, dict) else {}
        missing = [str(key) for key in checked(error) if key not in have]
        return required_hint(path_of(list(error.absolute_path)), missing)
    if error.validator == "maxProperties" and checked(error) == 1:
        return "give each its own list item: " + ", ".join(
            f"- {key}: …" for key in keys_of(error.instance)
        )
    if error.validator == "uniqueItems":
        return "list each once"
    if (
        error.validator == "type"
        and checked(error) == "array"
        and isinstance(error.instance, dict | str)
    ):
        # one item written bare, or text YAML read as one (keywords: 变质, 发霉)
        item = (
            as_yaml(error.instance)
            if isinstance(error.instance, dict)
            else range_items(list(error.absolute_path), error.instance)
            or unbracketed(as_items(error.instance))
        )
        return f"write it as a list: [{item}]" if len(item) <= 80 else "write it as a list"
    if (meant := _meant(error)) is not None:
        return meant
    return _table_shape(error) or _described(error)


#: The shape written out for a table's keys given another (``then: category=product``).
_TABLE_SHAPES: Final = {
    "rules": shape_hints.RULES,
    "default": shape_hints.DEFAULT,
    "then": shape_hints.THEN,
}


def _table_shape(error: ValidationError) -> str | None:
    """What to write where a classification or routing table's ``rules``, ``default`` or a
    row's ``then`` is another shape: the schema's description says what it is, not how."""
    path = list(error.absolute_path)
    if error.validator != "type" or not path or path[0] not in ("classification", "routing"):
        return None
    return _TABLE_SHAPES.get(str(path[-1]))


def _described(error: ValidationError) -> str:
    """The hint no slip explains: what the schema says of the value, and what it allows."""
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    if error.validator == "enum":
        return _choices_hint(error, str(description or ""))
    if error.validator in _BOUNDS:
        return _bound_hint(error) + (f" ({description})" if description else "")
    if error.validator == "type" and kinds(error):
        return _shape_hint(error, kinds(error), str(description or ""))
    return str(description or _SEE)


#: Each JSON type as a YAML author writes a value of it.
_SHAPES: Final = {
    "object": "{...}",
    "array": "[...]",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}


def _shape_hint(error: ValidationError, wanted: Iterable[str], description: str) -> str:
    """``write spikes: [...]``: the key and the shapes its value takes, then what the
    schema says of it."""
    path = list(error.absolute_path)
    shapes = " or ".join(dict.fromkeys(_SHAPES.get(kind, kind) for kind in sorted(wanted)))
    key = path[-1] if path and isinstance(path[-1], str) else None
    written = f"write {key}: {shapes}" if key is not None else f"write {shapes} here"
    return f"{written} ({description})" if description else written


#: Each bound check: the word for the side it bounds, the step into an integer range.
_BOUNDS: Final = {
    "minimum": ("or more", 0),
    "maximum": ("or less", 0),
    "exclusiveMinimum": ("or more", 1),
    "exclusiveMaximum": ("or less", -1),
}


def _bound_hint(error: ValidationError) -> str:
    """What to write for a number out of its range: the bound itself, or the whole number
    past an open one; a fractional number is told the open bound it must pass."""
    at = list(error.absolute_path)
    name = str(at[-1]) if at and isinstance(at[-1], str) else ""
    key = f"{name}: " if name else ""
    side, step = _BOUNDS[str(error.validator)]
    limit = checked(error)
    if step and "integer" not in _kinds_of(error.schema):
        unit = next((f" of {u}" for u in ("hours", "days") if name.endswith(f"_{u}")), "")
        bound = f"{'more' if step > 0 else 'less'} than {as_written(limit)}"
        return f"write {key}a number{unit} {bound}"
    return f"write {key}{as_written(limit + step)} {side}"


def _kinds_of(schema: object) -> set[str]:
    kind = schema.get("type") if isinstance(schema, dict) else None
    return {kind} if isinstance(kind, str) else set(kind) if isinstance(kind, list) else set()


def _choices_hint(error: ValidationError, description: str) -> str:
    """Every value a fixed set allows, in words: none is a slip away from the one written
    (``_meant`` offers that one), so the author picks from them all."""
    choices = [as_written(choice) for choice in checked(error)]
    listed = f"{', '.join(choices[:-1])} or {choices[-1]}" if len(choices) > 1 else choices[0]
    return f"write one of {listed}" + (f" ({description})" if description else "")


#: What a Chinese SOP separates the items of a list with (王芳、张伟), as YAML's comma.
_ITEM_SEPARATORS: Final = str.maketrans(dict.fromkeys("\uff0c\u3001;\uff1b", ","))


#: The separators of ``_ITEM_SEPARATORS`` a Chinese input method types.
_JOINING: Final = re.compile("[\uff0c\u3001\uff1b]")


def as_items(text: str) -> str:
    """``text`` as a list's items: ``王芳、张伟`` is ``王芳, 张伟``."""
    return ", ".join(part.strip() for part in text.translate(_ITEM_SEPARATORS).split(","))


def _joined_items(error: ValidationError) -> str | None:
    """What to write for a list too short because a Chinese input method's comma joined some
    (``between:`` 100, U+FF0C, 500 in brackets), as meant: for ``between``, in ASCII digits."""
    items = error.instance if isinstance(error.instance, list) else []
    if not any(isinstance(item, str) and _JOINING.search(item) for item in items):
        return None
    listed = ", ".join(as_items(item) if isinstance(item, str) else as_yaml(item) for item in items)
    path = list(error.absolute_path)
    listed = normalize("NFKC", listed) if path and path[-1] == "between" else listed
    return f"write it as a list: [{listed}] (to YAML a full-width comma is part of an item)"


def _meant(error: ValidationError) -> str | None:
    """For a value written as the SOP says it (退款, 结案, 48小时内), what to write."""
    if error.validator == "enum" and isinstance(error.instance, str):
        choices = [str(c) for c in checked(error) if isinstance(c, str)]
        if (translated := meant_value(error.instance, choices)) is not None:
            return (
                f"write {translated} (an id); the Chinese goes in a label: "
                f"{{kind: {translated}, label: {{zh: {error.instance}}}}}"
            )
        if (named := meant_id(error.instance, choices)) is not None:
            return f"write {named} (an id; the Chinese word is not read)"
        folded = normalize("NFKC", error.instance).casefold()  # full-width
        meant = [c for c in choices if c.casefold() == folded]
        meant = meant or close_matches(error.instance, choices, n=1)
        return f"did you mean {as_written(meant[0])}?" if meant else None
    if error.validator == "pattern" and (code := meant_language(error.instance)) is not None:
        return f"write {code}" if checked(error) == LANGUAGE_PATTERN else None
    if error.validator == "type" and isinstance(error.instance, str) and error.absolute_path:
        key = str(list(error.absolute_path)[-1])
        return number_hint(key, error.instance) if _numeric(error) else _boolean_hint(error, key)
    return _joined_items(error) if error.validator == "minItems" else None


#: How a Chinese SOP says yes and no where a policy takes true or false.
_SAID_TRUE: Final = {"是": "true", "否": "false", "真": "true", "假": "false"}


def _boolean_hint(error: ValidationError, key: str) -> str | None:
    """For true or false written as text — typed in full-width letters (U+FF54 for t), in
    quotes or in Chinese words (``exists: "false"``, 是) — the value to write."""
    if "boolean" not in kinds(error):
        return None
    folded = normalize("NFKC", str(error.instance)).strip().lower()
    meant = _SAID_TRUE.get(folded) or (folded if folded in ("true", "false") else None)
    if meant is None:
        return None
    return f"write {key}: {meant}, in ASCII letters and without quotes (as written it is text)"


def _numeric(error: ValidationError) -> bool:
    """Whether the value failed for not being a number."""
    return error.validator == "type" and bool({"number", "integer"} & set(kinds(error)))

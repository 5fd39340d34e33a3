"""Each check of the policy schema, worded for a policy author: what the value fails
(``expected text (got 5)``), with the paths, types and text forms those words name.
``schema_words`` adds the hints and the special cases."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Final

from jsonschema.exceptions import ValidationError

from complaintkit.policy.as_written import as_written, got
from complaintkit.policy.catalog import LANGUAGE_PATTERN
from complaintkit.policy.meant_values import meant_country

#: Text patterns the schema checks, in words (an author does not read regular expressions).
FORMS: Final = {
    r"^[A-Za-z][A-Za-z0-9_.-]*$": "a name of ASCII letters, digits and _ . - that starts "
    "with a letter",
    r"^[a-z][a-z0-9_]*$": "a name of lower-case ASCII letters, digits and _ that starts "
    "with a letter",
    "before$": "a time before the deadline, ending in 'before' (30 minutes before)",
    r"\{token\}": "a link holding {token}, where each case's own token goes "
    "(https://shop.example/status/{token})",
    r'^(product|attributes\.[^"]+)$': "product, or attributes.NAME",
    LANGUAGE_PATTERN: "a language code such as zh, en, zh-Hant or en-GB",
}

#: JSON Schema types as an author reads them.
TYPE_NAMES: Final = {
    "string": "text",
    "object": "a mapping",
    "array": "a list",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "nothing",
}


def path_of(parts: Iterable[object]) -> str:
    """``a.b[0].c``, as the engine spells paths."""
    out = ""
    for part in parts:
        out = f"{out}[{part}]" if isinstance(part, int) else f"{out}.{part}" if out else str(part)
    return out


def is_key_name(error: ValidationError) -> bool:
    """Whether ``error`` is about a key's name (``propertyNames``), not a value."""
    return "propertyNames" in error.schema_path and isinstance(error.instance, str)


def where(error: ValidationError) -> str:
    """The path of the node to point at: a badly named key itself rather than the mapping
    holding it."""
    parts: list[object] = list(error.absolute_path)
    if is_key_name(error):
        parts.append(error.instance)
    return path_of(parts)


def in_path(path: str) -> str:
    return f" in {path}" if path else " at the top of the policy"


def kinds(error: ValidationError) -> set[str]:
    """The JSON types a ``type`` error wanted."""
    wanted = checked(error) if error.validator == "type" else None
    return (
        {wanted} if isinstance(wanted, str) else set(wanted) if isinstance(wanted, list) else set()
    )


def checked(error: ValidationError) -> Any:
    """What the failed check compares with: a bound, a list of choices, a pattern."""
    return error.validator_value


def keys_of(value: object) -> list[str]:
    return [str(k) for k in value] if isinstance(value, dict) else []


def country(error: ValidationError) -> str:
    """``a country's code, `` for a language written as one (``cn``), else nothing."""
    language = checked(error) == LANGUAGE_PATTERN
    return "a country's code, " if language and meant_country(error.instance) else ""


def form(error: ValidationError) -> str:
    pattern = str(checked(error))
    return FORMS.get(pattern, f"text matching the regular expression {pattern}")


def count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def type_words(error: ValidationError) -> str:
    wanted = " or ".join(TYPE_NAMES.get(kind, kind) for kind in sorted(kinds(error)))
    return f"expected {wanted} (got {got(error.instance)})"


def _enum(error: ValidationError) -> str:
    choices = ", ".join(map(as_written, checked(error)))
    return f"{as_written(error.instance)} is not one of {choices}"


def _required(error: ValidationError) -> str:
    have = error.instance if isinstance(error.instance, dict) else {}
    missing = [k for k in checked(error) if k not in have]
    keys = " and ".join(repr(k) for k in missing)
    return f"missing key{'s' if len(missing) > 1 else ''} {keys}{in_path(where(error))}"


def _min_length(error: ValidationError) -> str:
    n = checked(error)
    if n == 1:
        return f"expected text that is not empty (got {got(error.instance)})"
    return f"expected text of at least {count(n, 'character')} (got {got(error.instance)})"


def _max_length(error: ValidationError) -> str:
    size = len(error.instance) if isinstance(error.instance, str) else 0
    return f"expected text of at most {count(checked(error), 'character')} (got {size})"


def _min_items(error: ValidationError) -> str:
    n = checked(error)
    if n == 1:
        return f"expected a list that is not empty (got {got(error.instance)})"
    return _items(error)


def _items(error: ValidationError) -> str:
    """A list of the wrong length: how long it must be and how long it is."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    low, high = int(schema.get("minItems", 0)), int(schema.get("maxItems", 0))
    size = len(error.instance) if isinstance(error.instance, list) else 0
    if low == high:
        wanted = f"exactly {count(low, 'item')}"
    elif error.validator == "minItems":
        wanted = f"at least {count(low, 'item')}"
    else:
        wanted = f"at most {count(high, 'item')}"
    return f"expected a list of {wanted} (got {count(size, 'item')}: {got(error.instance)})"


def _properties(error: ValidationError) -> str:
    n, keys = checked(error), keys_of(error.instance)
    if error.validator == "minProperties":
        wanted = "at least one key" if n == 1 else f"at least {n} keys"
    else:
        wanted = "one key" if n == 1 else f"at most {n} keys"
    if not keys:
        return f"expected a mapping of {wanted} (got {got(error.instance)})"
    return f"expected a mapping of {wanted} (got {len(keys)}: {', '.join(keys)})"


def _unique(error: ValidationError) -> str:
    items = error.instance if isinstance(error.instance, list) else []
    twice = next((x for i, x in enumerate(items) if x in items[:i]), None)
    return f"{as_written(twice)} is listed more than once"


def _bound(words: str) -> Callable[[ValidationError], str]:
    def worded_bound(error: ValidationError) -> str:
        limit = as_written(checked(error))
        return f"expected {words.format(limit)} (got {got(error.instance)})"

    return worded_bound


def _none_fits(error: ValidationError) -> str:
    if error.validator == "oneOf" and not error.context:
        return f"{as_written(error.instance)} fits more than one of the forms allowed here"
    return f"{as_written(error.instance)} fits none of the forms allowed here"


#: Each check's wording of a value that fails it (keys and special cases aside).
BY_KIND: Final[dict[str, Callable[[ValidationError], str]]] = {
    "type": type_words,
    "enum": _enum,
    "const": lambda e: f"expected {as_written(checked(e))} (got {got(e.instance)})",
    "required": _required,
    "minLength": _min_length,
    "maxLength": _max_length,
    "pattern": lambda e: f"{as_written(e.instance)} is {country(e)}not {form(e)}",
    "minItems": _min_items,
    "maxItems": _items,
    "minProperties": _properties,
    "maxProperties": _properties,
    "uniqueItems": _unique,
    "minimum": _bound("{} or more"),
    "maximum": _bound("{} or less"),
    "exclusiveMinimum": _bound("more than {}"),
    "exclusiveMaximum": _bound("less than {}"),
    "anyOf": _none_fits,
    "oneOf": _none_fits,
}

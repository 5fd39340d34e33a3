"""A list's items YAML read as keys: ``{field: tier, in: 金卡, 银卡}``.

Inside ``{…}`` YAML splits on every comma, so ``in: 金卡, 银卡`` is ``in: 金卡`` beside a key
``银卡`` with no value. Told only of the text, an author would write ``in: [金卡]`` and lose
银卡; the hint lists every item written.
"""

from __future__ import annotations

from collections.abc import Sequence

from jsonschema.exceptions import ValidationError

from complaintkit.policy.as_written import as_yaml
from complaintkit.policy.list_texts import unbracketed
from complaintkit.policy.schema_words import as_items

#: Past this a hint says what to do without writing the list out.
_LONGEST_LIST: int = 80


def list_hint(error: ValidationError, data: object) -> str | None:
    """For text where a list goes followed in its mapping by keys with no value, the list
    of them all; ``None`` for any other error."""
    if error.validator != "type" or error.validator_value != "array":
        return None
    if not isinstance(error.instance, str):
        return None
    items = _items_read_as_keys(data, list(error.absolute_path))
    if not items:
        return None
    listed = unbracketed(", ".join([as_items(error.instance), *map(as_yaml, items)]))
    why = "inside {…} YAML reads each item after a comma as a key of its own"
    if len(listed) > _LONGEST_LIST:
        return f"write it as a list in brackets; {why}"
    return f"write it as a list: [{listed}] ({why})"


def _items_read_as_keys(data: object, path: Sequence[object]) -> list[str]:
    """The keys with no value written right after the text at ``path``, in order."""
    if not path:
        return []
    *outer, key = path
    mapping = data
    for part in outer:
        try:
            mapping = mapping[part]  # type: ignore[index]
        except (LookupError, TypeError):
            return []
    if not isinstance(mapping, dict) or key not in mapping:
        return []
    keys = list(mapping)
    items: list[str] = []
    for later in keys[keys.index(key) + 1 :]:
        if mapping[later] is not None or not isinstance(later, str):
            break
        items.append(later)
    return items

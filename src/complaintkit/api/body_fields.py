"""The fields of a JSON body (an agent's step, a customer's answer), each refused with its
own name and a message that says what is wrong: a required one missing or blank, any one
not text, or one the body's reader does not read."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from complaintkit.errors import InvalidInput


def text(data: Mapping[str, Any], name: str, *, required: bool = True) -> str:
    """``data[name]``; an optional field left out is ``""`` and may be blank."""
    value = data.get(name)
    if required and (not isinstance(value, str) or not value.strip()):
        raise InvalidInput(name, "is required and must be a non-blank string")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput(name, "must be text")
    return value


def texts(data: Mapping[str, Any], name: str) -> list[str]:
    """``data[name]``, a list of strings; left out, an empty one."""
    value = data.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidInput(name, "must be a list of strings")
    return value


def reads_only(data: Mapping[str, Any], takes: Collection[str], what: str) -> None:
    """Refuse a field of ``data`` not in ``takes``: a misspelt one (``tem`` for ``team``) or
    one ``what`` has no use for would be dropped while the rest was done without it."""
    if unread := sorted(data.keys() - set(takes)):
        raise InvalidInput(
            unread[0], f"is not a field of {what}; it takes {', '.join(sorted(takes))}"
        )

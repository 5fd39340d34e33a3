"""The text fields of an agent's JSON body, each refused with its own name and a message
that says what is wrong: a required one missing or blank, or any one not text."""

from __future__ import annotations

from collections.abc import Mapping
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

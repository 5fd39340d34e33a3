"""Reading stored rows without trusting them: each problem is a ``ValueError`` naming it."""

from __future__ import annotations

import json
from typing import Any

from complaintkit.errors import ComplaintkitError
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent

_EVENT_FIELDS: tuple[tuple[str, type], ...] = (
    ("case_id", str),
    ("seq", int),
    ("kind", str),
    ("at", str),
    ("actor", str),
    ("prev_hash", str),
    ("hash", str),
)


def json_object(body: object) -> dict[str, Any]:
    """``body`` as a dict: backends keeping text hand over text, jsonb backends parsed JSON."""
    data = body
    if isinstance(body, str | bytes):
        try:
            data = json.loads(body)
        except ValueError as exc:
            raise ValueError(f"not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise ValueError(f"not a JSON object (got {type(data).__name__})")
    return data


def stored_event(body: str | dict[str, Any]) -> CaseEvent:
    data = json_object(body)
    for name, kind in _EVENT_FIELDS:
        if name not in data:
            raise ValueError(f"field {name!r} is missing")
        if not isinstance(data[name], kind) or isinstance(data[name], bool):
            raise ValueError(f"field {name!r} is not a {kind.__name__}")
    if not isinstance(data.get("reason", ""), str) or not isinstance(data.get("data", {}), dict):
        raise ValueError("field 'reason' must be a string and 'data' an object")
    try:
        return CaseEvent.from_json(data)
    except (ComplaintkitError, ValueError, TypeError) as exc:
        raise ValueError(str(exc)) from None


def stored_case(body: str | dict[str, Any]) -> Case:
    data = json_object(body)
    try:
        return Case.from_json(data)
    except KeyError as exc:
        raise ValueError(f"field {exc.args[0]!r} is missing") from None
    except (ComplaintkitError, ValueError, TypeError, AttributeError) as exc:
        raise ValueError(str(exc)) from None

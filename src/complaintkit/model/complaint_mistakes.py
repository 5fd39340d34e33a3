"""Every mistake of a complaint given as JSON, not only the first.

:meth:`Complaint.from_json` stops at the first field it cannot use, which suits intake; an
author preparing a complaint to explain would meet the mistakes one run at a time. Each
field is tried on its own, in a complaint whose other fields are the given ones found good
so far (a stand-in for the rest), so each mistake is named with its field; the customer's
fields each on their own too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from complaintkit.errors import InvalidInput, InvalidInputs
from complaintkit.model.complaint import Complaint

#: A complaint every check takes, whose fields stand in for those not yet found good.
_STAND_IN: Final[Mapping[str, Any]] = {
    "received_at": "2000-01-01T00:00:00+00:00",
    "channel": "web",
    "external_id": "stand-in",
    "customer": {"id": "stand-in"},
    "text": "stand-in",
}


class ComplaintMistakes(InvalidInputs):
    """Every mistake of one complaint, said together, with the file it came from."""

    def __init__(self, problems: list[InvalidInput], file: str) -> None:
        super().__init__(problems)
        self.file = file

    def __str__(self) -> str:
        said = "; ".join(f"{p.field}: {p.message}" for p in self.problems)
        return f"{said} (in {self.file})"


def every_mistake(data: object) -> list[InvalidInput]:
    """Each field of ``data`` that a complaint cannot take, as the error naming it; the
    first error alone when no field is wrong on its own (one field against another)."""
    try:
        Complaint.from_json(data)
    except InvalidInput as first:
        if not isinstance(data, Mapping):
            return [first]
        return _fields(data) or [first]
    return []


def _fields(data: Mapping[str, Any]) -> list[InvalidInput]:
    good = dict(_STAND_IN)
    mistakes: list[InvalidInput] = []
    for key in [*_STAND_IN, *(k for k in data if k not in _STAND_IN)]:
        value = data.get(key)
        below = _STAND_IN.get(key)
        if isinstance(value, Mapping) and isinstance(below, Mapping):
            parts = {**below}
            for part, part_value in value.items():
                if _takes(good, key, {**parts, part: part_value}, mistakes):
                    parts[part] = part_value
            good[key] = parts
        elif _takes(good, key, value, mistakes):
            good[key] = value
    return mistakes


def _takes(good: dict[str, Any], key: str, value: Any, mistakes: list[InvalidInput]) -> bool:
    """Whether ``good`` with ``value`` at ``key`` is a complaint; its error kept if not."""
    try:
        Complaint.from_json({**good, key: value})
    except InvalidInput as exc:
        mistakes.append(exc)
        return False
    return True

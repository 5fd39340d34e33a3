"""What to say for a calendar a policy names but does not define: the one a slip meant
(``offise`` for ``office``), as a misspelt team or metric is answered, and the known ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from complaintkit.policy.catalog import closest_id


def unknown_calendar_hint(name: object, known: Iterable[str]) -> str:
    """``did you mean 'office'? known: …`` (without the question when nothing is close)."""
    names = list(known)
    meant = closest_id(name, names) if isinstance(name, str) else None
    asked = f"did you mean {meant!r}? " if meant is not None else ""
    return f"{asked}define it under calendars; known: {', '.join(names)}"


def named_calendars(value: object) -> list[str] | None:
    """The calendars a calendar setting names: a name, or a choice's default and the values
    of its map; None for a choice of another shape (``{x: 1}``, a name that is no text),
    whose names would be made up ('None') where the schema tells what a calendar must be."""
    if not isinstance(value, Mapping):
        return [value] if isinstance(value, str) else []
    chosen = value.get("map", {})
    names = [value.get("default"), *(chosen.values() if isinstance(chosen, Mapping) else [0])]
    texts = [name for name in names if isinstance(name, str)]
    return texts if len(texts) == len(names) else None

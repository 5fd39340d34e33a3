"""What to say for a calendar a policy names but does not define: the one a slip meant
(``offise`` for ``office``), as a misspelt team or metric is answered, and the known ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from jsonschema.exceptions import ValidationError

from complaintkit.policy.catalog import closest_id
from complaintkit.sla.calendar import CALENDAR_KEYS
from complaintkit.sla.schema import ALWAYS


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


def calendar_setting_hint(error: ValidationError, data: object) -> str | None:
    """For ``sla.calendar`` written as anything but a name (``{x: 1}``, a calendar defined
    in place, ``[store]``): the calendars the policy declares, and where a calendar's own
    keys go; None for any other error, which its own words explain."""
    if list(error.absolute_path) != ["sla", "calendar"] or isinstance(error.instance, str):
        return None
    declared = data.get("calendars") if isinstance(data, Mapping) else None
    names = (
        [ALWAYS, *(n for n in declared if isinstance(n, str) and n != ALWAYS)]
        if isinstance(declared, Mapping)
        else [ALWAYS]
    )
    listed = error.instance if isinstance(error.instance, list) else []
    meant = next((n for n in listed if n in names), names[-1])
    example = meant if meant != ALWAYS else "office"
    return (
        f"sla.calendar names one calendar: write calendar: {meant} (known: {', '.join(names)}); "
        f"a calendar's own keys ({', '.join(CALENDAR_KEYS)}) go under calendars: "
        f"{{{example}: {{timezone: Asia/Shanghai, hours: …}}}}, named here by its name"
    )

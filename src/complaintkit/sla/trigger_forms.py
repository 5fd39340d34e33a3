"""A level's trigger has one of three forms; a key of another form beside it was ignored.

``{sla: resolution, elapsed: 1.0, after: 2h}`` reads as "2 hours after the deadline" to
its author, and the schema let it through (``{sla, elapsed}`` is met); the ``after`` did
nothing, so the level fired at the deadline. Each key of another form is named instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

#: Each form's keys, the key that picks the form first.
FORMS: Final = (("sla", "elapsed"), ("since", "after", "calendar"), ("condition",))
HINT: Final = (
    "give a trigger one form: {sla, elapsed}, {since, after} (with a calendar if it counts "
    "business time) or {condition}; a later moment is a level of its own (elapsed: 1.5 is "
    "half the time again after the deadline)"
)


def foreign_keys(trigger: Mapping[str, Any]) -> tuple[tuple[str, ...], list[str]]:
    """The form ``trigger`` takes — of those whose first key it has, the one it has most
    keys of — and the keys of other forms written beside it; no form, no foreign keys (the
    trigger is refused as it is)."""
    led = [keys for keys in FORMS if keys[0] in trigger]
    if not led:
        return (), []
    form = max(led, key=lambda keys: sum(key in trigger for key in keys))
    known = {key for keys in FORMS for key in keys}
    return form, [key for key in trigger if key in known and key not in form]

"""What counts as an incident: ``min_cases`` cases about one key value within a window."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import attrs

from complaintkit.errors import InvalidInput
from complaintkit.sla.durations import MAX_DAYS

#: The longest window or quiet period: 100 years, so a window never reaches past a date.
MAX_HOURS = MAX_DAYS * 24


def key_attribute(key: str) -> str | None:
    """The complaint attribute a rule key names (``None`` for ``product``)."""
    if key == "product":
        return None
    name = key.removeprefix("attributes.")
    if name == key or not name or '"' in name:
        raise InvalidInput(
            "key", f"must be 'product' or 'attributes.NAME' (a complaint attribute), got {key!r}"
        )
    return name


def _key(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    key_attribute(value)


def _positive(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= MAX_HOURS:
        raise InvalidInput(
            attribute.name,
            f"must be a positive number of hours, at most {MAX_HOURS} (100 years), got {value!r}",
        )


def _threshold(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 2:
        raise InvalidInput(attribute.name, f"must be an integer of at least 2, got {value!r}")


@attrs.frozen
class WindowRule:
    """An incident opens when ``min_cases`` cases with one key value fall within
    ``window_hours`` of each other; it takes in every later case with that value and closes
    once none has arrived for ``quiet_hours`` (default: the window)."""

    key: str = attrs.field(default="product", validator=_key)
    min_cases: int = attrs.field(default=3, validator=_threshold)
    window_hours: float = attrs.field(default=72, validator=_positive)
    quiet_hours: float | None = attrs.field(default=None, validator=_positive)
    #: Also open an internal case for the incident (channel ``incident``), which the policy
    #: classifies, routes to a named owner, times and notifies like any other case.
    opens_case: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))

    @property
    def window(self) -> timedelta:
        return timedelta(hours=self.window_hours)

    @property
    def quiet(self) -> timedelta:
        return timedelta(hours=self.window_hours if self.quiet_hours is None else self.quiet_hours)

    def to_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "min_cases": self.min_cases,
            "window_hours": self.window_hours,
            "quiet_hours": self.quiet.total_seconds() / 3600,
            "opens_case": self.opens_case,
        }

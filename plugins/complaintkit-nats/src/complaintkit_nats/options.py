"""Channel and notifier options arrive as text from ``-o key=value`` and policy files."""

from __future__ import annotations

import math

from complaintkit.errors import ConfigError


def positive(name: str, value: float | str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = -1.0
    if not 0 < number < math.inf:  # NaN too: no timer waits that long
        raise ConfigError(f"nats: option {name} must be a positive number (got {value!r})")
    return number


def flag(value: bool | str) -> bool:
    return value in (True, "true", "yes", "1")

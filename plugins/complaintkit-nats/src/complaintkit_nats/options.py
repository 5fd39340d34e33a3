"""Channel and notifier options arrive as text from ``-o key=value`` and policy files."""

from __future__ import annotations

from complaintkit.errors import ConfigError


def positive(name: str, value: float | str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if number <= 0:
        raise ConfigError(f"nats: option {name} must be a positive number (got {value!r})")
    return number


def flag(value: bool | str) -> bool:
    return value in (True, "true", "yes", "1")

"""Checks of the options a policy gives the built-in notifiers: a bad one stops the policy's
notifiers from being built, instead of failing every delivery in a socket's words."""

from __future__ import annotations

import math

from complaintkit.errors import ConfigError

#: The longest one attempt may take, in seconds. The worker sends one delivery at a time,
#: and sockets and timers refuse far longer waits (NaN, 0 and negative ones too).
MAX_TIMEOUT = 3600.0


def timeout_seconds(notifier: str, value: object) -> float:
    """``value`` (a number, or its text from the policy) as seconds above 0 and at most
    ``MAX_TIMEOUT``."""
    try:
        seconds = math.nan if isinstance(value, bool) else float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        seconds = math.nan
    if not 0 < seconds <= MAX_TIMEOUT:  # NaN fails it too
        raise ConfigError(
            f"{notifier} notifier: timeout {value!r} is not a number of seconds above 0 "
            f"and at most {MAX_TIMEOUT:g}"
        )
    return seconds


def port_number(notifier: str, value: object) -> int:
    """``value`` (a number, or its text from the policy) as a TCP port, 1 to 65535."""
    text = str(value).strip()
    port = int(text) if text.isascii() and text.isdigit() else 0
    if not 0 < port < 65536:
        raise ConfigError(f"{notifier} notifier: port {value!r} is not a TCP port (1 to 65535)")
    return port

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


def whole(name: str, value: int | str) -> int:
    """``value`` as a whole number, 1 or more: a count of messages, which ``float`` would
    cut short (``0.5`` to none, which nats-py refuses only once connected)."""
    text = value.strip() if isinstance(value, str) else value
    if isinstance(text, str) and text.isascii() and text.isdecimal():
        text = int(text)
    if type(text) is not int or text < 1:
        raise ConfigError(f"nats: option {name} must be a whole number, 1 or more (got {value!r})")
    return text


def name_option(name: str, value: object) -> str:
    """``value`` if JetStream can name a stream or consumer so: not empty, and no blank,
    ``.``, ``*``, ``>``, path separator or control character (nats-py refuses those only
    once connected; an empty durable would make no durable consumer at all)."""
    bad = not isinstance(value, str) or not value.isprintable() or not value.strip()
    if bad or any(c.isspace() or c in ".*>/\\" for c in str(value)):
        raise ConfigError(
            f"nats: option {name} must be a name without blanks, dots, '*', '>', slashes or "
            f"control characters, such as COMPLAINTS or desk-eu (got {value!r:.80})"
        )
    return str(value)


def subject_filter(value: str) -> str:
    """``value`` if a consumer can read it: dot-separated tokens, none empty, no blank or
    control character, in UTF-8 (``*`` and ``>`` are wildcards there). ``""`` reads the
    whole stream. nats-py refuses the others only once connected, in its own words."""
    tokens = value.split(".") if value else []
    if any(not t or not t.isprintable() or any(c.isspace() for c in t) for t in tokens) or any(
        "\ud800" <= c <= "\udfff" for c in value
    ):
        raise ConfigError(
            "nats channel: the subject must be tokens joined by dots (complaints.in, "
            f"complaints.>), in UTF-8, without blanks or control characters (got {value!r:.80})"
        )
    return value


def subject_prefix(value: object) -> str:
    """``value`` if events can be published under it: dot-separated tokens, none empty,
    no wildcard or whitespace (each publish would fail, to the last attempt)."""
    tokens = value.split(".") if isinstance(value, str) else [""]
    if any(not t or t in ("*", ">") or any(c.isspace() for c in t) for t in tokens):
        raise ConfigError(
            f"nats: option subject must be tokens joined by dots, without spaces or "
            f"wildcards (got {value!r})"
        )
    return str(value)

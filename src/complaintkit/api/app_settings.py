"""The settings ``create_app`` is given, checked before anything is served: under one
that refuses every request, or lets anyone sign or act as an agent, the server would
start and fail each sender."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from complaintkit.api import ack_limit
from complaintkit.desk.caller_actor import staff_actor
from complaintkit.errors import ConfigError, InvalidInput
from complaintkit.model.complaint import check_channel
from complaintkit.notify.signing import LONGEST_WINDOW, secret_problem

#: The shortest agent token, in the UTF-8 bytes compared: an empty one (an unset variable)
#: would let anyone act as its agent.
MIN_TOKEN_BYTES = 16


def check_settings(
    max_body: int,
    channel: str,
    signature_window: int,
    secret: str | None,
    agent_tokens: Mapping[str, str],
) -> None:
    """Refuse settings under which every request would be refused, or any signed or sent
    as an agent's."""
    problem = None if secret is None else secret_problem(secret)
    if problem is not None:
        raise ConfigError(f"secret {problem}")
    for token, name in agent_tokens.items():
        if isinstance(token, str) and any("\ud800" <= c <= "\udfff" for c in token):
            raise ConfigError(
                f"the agent token of {name!r:.60} is not UTF-8 text: it holds a lone surrogate "
                "(a byte of an argument not in UTF-8), which no request can send"
            )
        if not isinstance(token, str) or len(token.strip().encode()) < MIN_TOKEN_BYTES:
            raise ConfigError(
                f"the agent token of {name!r:.60} needs at least {MIN_TOKEN_BYTES} bytes "
                "(UTF-8), not blank"
            )
        if token != token.strip(" \t") or any(ord(c) < 32 or ord(c) == 127 for c in token):
            raise ConfigError(
                f"the agent token of {name!r:.60} begins or ends with a blank or holds a "
                "control character, which no Authorization header carries"
            )
    for name in agent_tokens.values():  # the actor of every step the agent sends
        try:
            staff_actor(name)
        except InvalidInput as exc:
            raise ConfigError(f"the agent {name!r:.60} cannot take steps: {exc.message}") from None
    if type(max_body) is not int or max_body < 1:
        raise ConfigError(f"max_body must be a number of bytes, 1 or more (got {max_body!r})")
    if type(signature_window) is not int or not 1 <= signature_window <= LONGEST_WINDOW:
        raise ConfigError(
            f"signature_window must be whole seconds from 1 to {LONGEST_WINDOW} (a day) "
            f"(got {signature_window!r:.60})"
        )
    try:
        check_channel(channel)
    except InvalidInput as exc:
        raise ConfigError(f"channel {channel!r:.60}: {exc.message}") from None


def acknowledgement_limit(count: int, period: timedelta) -> ack_limit.AcknowledgementLimit:
    if type(count) is not int or count < 0:
        raise ConfigError(
            f"form_acknowledgements must be a whole number, 0 or more (got {count!r:.60})"
        )
    if not isinstance(period, timedelta) or period <= timedelta(0):
        raise ConfigError(
            f"form_acknowledgement_period must be a positive timedelta (got {period!r:.60})"
        )
    return ack_limit.AcknowledgementLimit(count, period)

"""``Idempotency-Key`` on the agents' steps: a step sent again because its answer was lost
is recorded once and answered as the first time.

The server keeps, per agent and key, which request the key was used for (a digest of its
path and of the JSON its body holds) and the answer it got, for ``KEPT_FOR`` and at most ``MOST_KEPT`` keys, in
memory: a retry after a restart is taken as new. A key sent while its first request is
still running waits for that one's answer. Only answers of steps that were recorded are
kept: a refused step changed nothing, so sending it again runs it again.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import attrs
from starlette.requests import Request

from complaintkit.clock import Clock
from complaintkit.errors import InvalidInput

HEADER = "Idempotency-Key"
#: A number as JSON writes one, the only amounts read by their value.
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")
#: The longest key, in characters.
MAX_KEY_CHARS = 255
#: How long a key's answer is kept, and how many keys are.
KEPT_FOR = timedelta(hours=24)
MOST_KEPT = 10_000


class KeyReused(InvalidInput):
    """A key sent again with another request than the one it was first used for."""


class KeySentTwice(InvalidInput):
    """``Idempotency-Key`` given in two headers."""


def key_of(request: Request) -> str | None:
    """The request's ``Idempotency-Key``, if it sends one: once, 1 to ``MAX_KEY_CHARS``
    printable ASCII characters (``InvalidInput`` naming the header otherwise; two are
    ``KeySentTwice``: which one was meant cannot be told)."""
    sent = request.headers.getlist(HEADER)
    if not sent:
        return None
    if len(sent) > 1:
        raise KeySentTwice(HEADER, f"is sent {len(sent)} times; send it once")
    key = sent[0].strip(" \t")
    if not 1 <= len(key) <= MAX_KEY_CHARS or not all(" " <= c <= "~" for c in key):
        raise InvalidInput(
            HEADER, f"must be 1 to {MAX_KEY_CHARS} printable ASCII characters (a UUID will do)"
        )
    return key


def fingerprint(path: str, body: object) -> bytes:
    """A digest of the request a key was used for: its step and case (the path) and the
    JSON value its body holds, as the step reads it. A retry is often written out again by
    the client (keys in another order, other spaces, ``\\u`` escapes, ``12.8`` for
    ``12.80``): it is the same request. Text is compared as written, a number by its exact
    value (``1e2`` is ``100``; an integer of 30 digits is not rounded to 28)."""
    return hashlib.sha256(
        path.encode("utf-8", "surrogateescape") + b"\n" + _canonical(body).encode()
    ).digest()


def _canonical(value: object) -> str:
    """One spelling of a parsed JSON value: keys sorted, strings escaped to ASCII, numbers
    as their normalised decimal, ``true`` never ``1``. Money's amount, which ``parse_json``
    keeps as the text it was written in (``{"amount": 12.80, …}`` as ``"12.80"``), is read
    by its value too, as the step reads it."""
    if isinstance(value, Decimal):
        return _number(value)
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int | float):
        return _number(Decimal(getattr(value, "text", None) or repr(value)))
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ",".join(map(_canonical, value)) + "]"
    if isinstance(value, dict):
        if value.keys() == {"amount", "currency"} and isinstance(value["amount"], str):
            value = {**value, "amount": _amount(value["amount"])}
        items = sorted((json.dumps(key), _canonical(item)) for key, item in value.items())
        return "{" + ",".join(f"{key}:{item}" for key, item in items) + "}"
    raise TypeError(f"not a parsed JSON value: {type(value).__name__}")


def _amount(written: str) -> Decimal | str:
    """The value of money's amount written as text (``"12.80"``, read as the number
    ``12.80`` is), or the text itself when it is no number (the step refuses it)."""
    if _DECIMAL.fullmatch(written) is None:
        return written
    return Decimal(written)


def _number(exact: Decimal) -> str:
    """``exact`` as digits without trailing zeros and an exponent, worked out without a
    decimal context, which would round an integer of more than 28 digits."""
    sign, digits, exponent = exact.as_tuple()
    if not isinstance(exponent, int):  # NaN or infinity, which the step refuses
        return str(exact)
    shown = "".join(map(str, digits)).lstrip("0")
    if not shown:
        return "0"
    kept = shown.rstrip("0")
    return f"{'-' if sign else ''}{kept}e{exponent + len(shown) - len(kept)}"


@attrs.frozen
class _Kept:
    request: bytes
    answer: dict[str, Any]
    at: datetime


@attrs.define
class StepRetries:
    """The answers of the steps recorded under a key, per agent."""

    clock: Clock
    _kept: OrderedDict[tuple[str, str], _Kept] = attrs.field(factory=OrderedDict, init=False)
    _running: dict[tuple[str, str], tuple[asyncio.Lock, int]] = attrs.field(
        factory=dict, init=False
    )

    async def answer(
        self,
        slot: tuple[str, str],
        request: bytes,
        run: Callable[[], Awaitable[dict[str, Any]]],
    ) -> tuple[dict[str, Any], bool]:
        """The answer of the request ``slot`` (agent, key) was first used for, and ``True``;
        or ``run``'s, kept, and ``False``. Shielded: a request whose client went away still
        keeps the answer of the step it recorded, for the retry to find."""
        return await asyncio.shield(self._answer(slot, request, run))

    async def _answer(
        self,
        slot: tuple[str, str],
        request: bytes,
        run: Callable[[], Awaitable[dict[str, Any]]],
    ) -> tuple[dict[str, Any], bool]:
        async with self._one_at_a_time(slot):
            now = self.clock.now()
            self._forget(now)
            kept = self._kept.get(slot)
            if kept is not None:
                if kept.request != request:
                    raise KeyReused(
                        HEADER,
                        "was used for another request (another step, case or body); send "
                        "each change with a new key, and a retry with its own",
                    )
                return kept.answer, True
            answer = await run()
            self._kept[slot] = _Kept(request, answer, now)
            return answer, False

    def _forget(self, now: datetime) -> None:
        """Drop the oldest answers: those older than ``KEPT_FOR``, and any over
        ``MOST_KEPT``."""
        while self._kept:
            slot, kept = next(iter(self._kept.items()))
            if len(self._kept) < MOST_KEPT and not now - kept.at > KEPT_FOR:
                break
            del self._kept[slot]

    @asynccontextmanager
    async def _one_at_a_time(self, slot: tuple[str, str]) -> AsyncIterator[None]:
        lock, users = self._running.get(slot, (asyncio.Lock(), 0))
        self._running[slot] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._running[slot]
            if users == 1:
                del self._running[slot]
            else:
                self._running[slot] = (lock, users - 1)

"""``Idempotency-Key`` on the agents' steps: a step sent again because its answer was lost
is recorded once and answered as the first time.

The store keeps, per agent and key, which request the key was used for (a digest of its
method, path and the JSON its body holds), the answer it got and when, by the Desk's clock
(``storage.step_answers``), for ``KEPT_FOR``: a retry after ``serve`` restarted, or taken
by another ``serve`` on the same store, gets the first answer too. The answer is recorded
in the transaction of the step, so neither is stored without the other, and a second
request with the key waits for that transaction (in this server, retries wait for the
first in line, holding no thread). Only answers of steps that were recorded are kept: a
refused step changed nothing, so sending it again runs it again. A backend that stores no
answers keeps them in its process (``KeptInMemory``), as every store did before.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractContextManager, asynccontextmanager, nullcontext
from datetime import timedelta
from decimal import Decimal
from typing import Any

import attrs
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from complaintkit.clock import Clock
from complaintkit.errors import InvalidInput
from complaintkit.storage.base import Storage
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.step_answers import MOST_KEPT, StepAnswer

HEADER = "Idempotency-Key"
#: A number as JSON writes one, the only amounts read by their value.
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")
#: The longest key, in characters.
MAX_KEY_CHARS = 255
#: How long a key's answer is kept; a store keeping none keeps the last ``MOST_KEPT``.
KEPT_FOR = timedelta(hours=24)

#: ``MOST_KEPT`` was defined here; it is ``storage.step_answers``' now.
__all__ = [
    "HEADER",
    "KEPT_FOR",
    "MAX_KEY_CHARS",
    "MOST_KEPT",
    "KeyReused",
    "KeySentTwice",
    "StepRetries",
    "fingerprint",
    "key_of",
]


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


def fingerprint(path: str, body: object, method: str = "POST") -> bytes:
    """A digest of the request a key was used for: its method, its step and case (the
    path) and the JSON value its body holds, as the step reads it. A retry is often
    written out again by the client (keys in another order, other spaces, ``\\u``
    escapes, ``12.8`` for ``12.80``): it is the same request. Text is compared as
    written, a number by its exact value (``1e2`` is ``100``; an integer of 30 digits is
    not rounded to 28)."""
    written = f"{method} {path}".encode("utf-8", "surrogateescape")
    return hashlib.sha256(written + b"\n" + _canonical(body).encode()).digest()


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


@attrs.define
class StepRetries:
    """The steps recorded under a key, per agent: their answers kept in ``storage``, the
    store the steps are recorded in, inside ``held`` (``Desk.announcing_after``: plugins
    hear of a step once its answer is committed with it)."""

    clock: Clock
    storage: Storage = attrs.field(factory=MemoryStorage)
    held: Callable[[], AbstractContextManager[None]] = nullcontext
    _running: dict[tuple[str, str], tuple[asyncio.Lock, int]] = attrs.field(
        factory=dict, init=False
    )

    async def answer(
        self, slot: tuple[str, str], request: bytes, run: Callable[[], dict[str, Any]]
    ) -> tuple[dict[str, Any], bool]:
        """The answer of the request ``slot`` (agent, key) was first used for, and ``True``;
        or ``run``'s (called in a worker thread, in the transaction that keeps its answer),
        and ``False``. Shielded: a request whose client went away still keeps the answer of
        the step it recorded, for the retry to find."""
        return await asyncio.shield(self._answer(slot, request, run))

    async def _answer(
        self, slot: tuple[str, str], request: bytes, run: Callable[[], dict[str, Any]]
    ) -> tuple[dict[str, Any], bool]:
        async with self._one_at_a_time(slot):
            return await run_in_threadpool(self._once, slot, request, run)

    def _once(
        self, slot: tuple[str, str], request: bytes, run: Callable[[], dict[str, Any]]
    ) -> tuple[dict[str, Any], bool]:
        now = self.clock.now()
        with self.held(), self.storage.transaction():
            kept = self.storage.claim_step_key(*slot, now - KEPT_FOR)
            if kept is not None:
                if kept.request != request:
                    raise KeyReused(
                        HEADER,
                        f"{slot[1]!r:.70} was used for another request (another step, case "
                        "or body); send each change with a new key, and a retry with its own",
                    )
                return kept.body, True
            answer = run()
            self.storage.keep_step_answer(*slot, StepAnswer(request, 200, answer, now))
            return answer, False

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

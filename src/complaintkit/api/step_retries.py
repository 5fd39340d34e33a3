"""``Idempotency-Key`` on the agents' steps: a step sent again because its answer was lost
is recorded once and answered as the first time.

The server keeps, per agent and key, which request the key was used for (a digest of its
path and body as sent) and the answer it got, for ``KEPT_FOR`` and at most ``MOST_KEPT`` keys, in
memory: a retry after a restart is taken as new. A key sent while its first request is
still running waits for that one's answer. Only answers of steps that were recorded are
kept: a refused step changed nothing, so sending it again runs it again.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import Any

import attrs
from starlette.requests import Request

from complaintkit.clock import Clock
from complaintkit.errors import InvalidInput

HEADER = "Idempotency-Key"
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


def fingerprint(path: str, body: bytes) -> bytes:
    """A digest of the request a key was used for: its step and case (the path) and its
    body as sent, byte for byte (a number's digits matter to an amount)."""
    return hashlib.sha256(path.encode("utf-8", "surrogateescape") + b"\n" + body).digest()


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

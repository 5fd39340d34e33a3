"""How long ``StepRetries`` keeps an answer: for ``KEPT_FOR`` by the Desk's clock and, on a
store that keeps none itself (``KeptInMemory``, the memory store's), for the last
``MOST_KEPT`` keys, as docs/closing-the-loop.md says; a key it forgot runs again."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from complaintkit.api.step_retries import KEPT_FOR, MOST_KEPT, StepRetries
from complaintkit.clock import ManualClock

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def send(retries: StepRetries, key: str, runs: list[str]) -> tuple[dict[str, Any], bool]:
    return asyncio.run(answered(retries, key, runs))


async def answered(retries: StepRetries, key: str, runs: list[str]) -> tuple[dict[str, Any], bool]:
    def run() -> dict[str, Any]:
        runs.append(key)
        return {"version": len(runs)}

    return await retries.answer(("li.na", key), b"same request", run)


def test_an_answer_is_kept_for_a_day_then_forgotten() -> None:
    clock = ManualClock(T0)
    retries, runs = StepRetries(clock), list[str]()
    first, _ = send(retries, "k", runs)
    clock.advance(KEPT_FOR)
    assert send(retries, "k", runs) == (first, True)
    clock.advance(timedelta(seconds=1))
    assert send(retries, "k", runs) == ({"version": 2}, False)
    assert runs == ["k", "k"]


def test_only_the_last_keys_are_kept() -> None:
    retries, runs = StepRetries(ManualClock(T0)), list[str]()

    async def one_more_than_kept() -> None:  # in one event loop: starting one is 0.3 ms
        for number in range(MOST_KEPT + 1):
            await answered(retries, str(number), runs)

    asyncio.run(one_more_than_kept())
    assert send(retries, str(MOST_KEPT), runs)[1] is True  # the newest is kept
    assert send(retries, "0", runs)[1] is False  # the oldest was let go

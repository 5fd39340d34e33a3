"""The step-answer half of the storage contract (``StorageContract`` includes it): what
``claim_step_key`` and ``keep_step_answer`` must do for an agent's step sent again with its
``Idempotency-Key`` to be recorded once (``api.step_retries``).

An answer is kept with the transaction of its step: kept when the block commits, gone when
it raises (a nested block alone too); claimed again it reads back as it was kept, for the
agent and key it was kept under, exactly, while it is no older than the claim's ``since``;
a claim from another thread waits for the block holding the key, then finds its answer;
and what a caller does to an answer it kept or claimed never changes the store's. The
checks end-to-end, through ``serve`` and restarts, are ``step_retry_contract``'s.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from complaintkit.storage.base import Storage
from complaintkit.storage.step_answers import StepAnswer

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
AGENT = "li.na"


class Refused(Exception):
    """What the blocks below raise to be undone."""


def answer(version: int = 2, at: datetime = T0, request: bytes = b"\x00digest\xff") -> StepAnswer:
    """An answer whose body holds text beyond ASCII and keys out of sorted order, as the
    steps' answers do: a retry must get the first answer's bytes."""
    body = {"case_id": "CK-\u6295\u8bc9-1", "status": "investigating", "version": version}
    return StepAnswer(request, 200, body, at)


def kept(storage: Storage, agent: str, key: str, since: datetime) -> StepAnswer | None:
    """What a claim of ``key`` at ``since`` finds, in a block of its own (then let go)."""
    with storage.transaction():
        return storage.claim_step_key(agent, key, since)


def keep(storage: Storage, key: str, given: StepAnswer, agent: str = AGENT) -> None:
    """Claim ``key`` and keep ``given`` under it, as a step's block does."""
    with storage.transaction():
        assert storage.claim_step_key(agent, key, given.at - timedelta(days=1)) is None
        storage.keep_step_answer(agent, key, given)


def _kept_then_refused(storage: Storage, key: str) -> None:
    """A block keeping an answer under ``key``, then raising."""
    with storage.transaction():
        keep(storage, key, answer())
        raise Refused


class StepAnswerContract:
    """Behaviour of ``claim_step_key`` and ``keep_step_answer``."""

    def test_an_answer_kept_is_claimed_as_it_was_kept(self, storage: Storage) -> None:
        shanghai = T0.astimezone(ZoneInfo("Asia/Shanghai")).replace(microsecond=250_000)
        given = answer(at=shanghai)
        keep(storage, "k-1", given)
        found = kept(storage, AGENT, "k-1", shanghai - timedelta(hours=24))
        assert found == given
        assert found is not None
        assert list(found.body) == list(given.body)  # the order the answer was sent in
        assert found.at.utcoffset() is not None

    def test_an_answer_is_the_agents_own_under_its_exact_key(self, storage: Storage) -> None:
        keep(storage, "k-2", answer())
        since = T0 - timedelta(hours=1)
        for agent, key in [("li.na", "K-2"), ("li.na", "k-2 "), ("wang.wei", "k-2")]:
            assert kept(storage, agent, key, since) is None, (agent, key)
        keep(storage, "k-2", answer(version=7), agent="wang.wei")
        assert kept(storage, AGENT, "k-2", since) == answer()
        assert kept(storage, "wang.wei", "k-2", since) == answer(version=7)

    def test_an_answer_older_than_since_is_not_claimed(self, storage: Storage) -> None:
        """Kept at ``T0``: found by a claim since ``T0``, not by one a second later; a
        new answer kept then replaces it."""
        keep(storage, "k-3", answer())
        assert kept(storage, AGENT, "k-3", T0) == answer()
        later = T0 + timedelta(seconds=1)
        with storage.transaction():
            assert storage.claim_step_key(AGENT, "k-3", later) is None
            storage.keep_step_answer(AGENT, "k-3", answer(version=3, at=later))
        assert kept(storage, AGENT, "k-3", T0) == answer(version=3, at=later)

    def test_an_answer_kept_in_a_block_that_raises_is_not_kept(self, storage: Storage) -> None:
        """Its step was undone with it: a retry must run the step again."""
        with pytest.raises(Refused):
            _kept_then_refused(storage, "k-4")
        assert kept(storage, AGENT, "k-4", T0 - timedelta(hours=1)) is None

    def test_an_answer_kept_in_a_nested_block_that_raises_is_not_kept(
        self, storage: Storage
    ) -> None:
        with storage.transaction():
            keep(storage, "k-5", answer())
            with pytest.raises(Refused):
                _kept_then_refused(storage, "k-6")
        since = T0 - timedelta(hours=1)
        assert kept(storage, AGENT, "k-5", since) == answer()
        assert kept(storage, AGENT, "k-6", since) is None

    def test_a_claim_waits_for_the_block_holding_the_key(self, storage: Storage) -> None:
        """A second claim of a key, from another thread, finds the answer the first
        block kept: it waited for that block to end, it did not run the step too."""
        claimed, second_done = threading.Event(), threading.Event()

        def first() -> None:
            with storage.transaction():
                assert storage.claim_step_key(AGENT, "k-7", T0) is None
                claimed.set()
                second_done.wait(0.5)  # a second claim that does not wait ends here
                storage.keep_step_answer(AGENT, "k-7", answer())

        def second() -> StepAnswer | None:
            claimed.wait()
            try:
                return kept(storage, AGENT, "k-7", T0)
            finally:
                second_done.set()

        with ThreadPoolExecutor(2) as pool:
            done = pool.submit(first)
            found = pool.submit(second)
            done.result()
        assert found.result() == answer()

    @pytest.mark.parametrize(
        "change",
        [lambda body: body.update(version=99), lambda body: body.clear()],
        ids=["updated", "cleared"],
    )
    def test_changing_an_answer_kept_or_claimed_changes_nothing_stored(
        self, storage: Storage, change: Callable[[dict[str, object]], None]
    ) -> None:
        given = answer()
        keep(storage, "k-8", given)
        change(given.body)
        since = T0 - timedelta(hours=1)
        first = kept(storage, AGENT, "k-8", since)
        assert first == answer()
        assert first is not None
        change(first.body)
        assert kept(storage, AGENT, "k-8", since) == answer()

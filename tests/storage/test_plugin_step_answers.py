"""A plugin's backend leaving the agents' step answers to ``Storage`` (``KeptInMemory``)
kept an answer whose block then failed at its commit: the retry of the key was answered
200 for a step the store never recorded. The answer now goes with the block."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hostile_backend import Hostile

from complaintkit.testing.step_answer_contract import AGENT, T0, answer, keep, kept

#: The backend's own error, or the PluginError naming the backend that carries it.
COMMIT_FAILED = "commit failed"


def test_an_answer_whose_commit_raised_is_not_kept() -> None:
    storage = Hostile()
    storage.fail("commit")
    with pytest.raises(RuntimeError, match=COMMIT_FAILED):
        keep(storage, "k-1", answer())
    assert kept(storage, AGENT, "k-1", T0 - timedelta(hours=1)) is None


def test_an_answer_replaced_in_a_block_whose_commit_raised_is_the_one_kept_before() -> None:
    storage = Hostile()
    keep(storage, "k-2", answer())
    storage.fail("commit")
    with pytest.raises(RuntimeError, match=COMMIT_FAILED), storage.transaction():
        storage.keep_step_answer(AGENT, "k-2", answer(version=9, at=T0 + timedelta(1)))
    assert kept(storage, AGENT, "k-2", T0 - timedelta(hours=1)) == answer()


def test_an_answer_kept_nested_goes_with_the_outer_commit() -> None:
    storage = Hostile()
    storage.fail("commit")
    with pytest.raises(RuntimeError, match=COMMIT_FAILED), storage.transaction():
        keep(storage, "k-3", answer())  # its own block ends well: a savepoint, not a commit
    assert kept(storage, AGENT, "k-3", T0 - timedelta(hours=1)) is None


def test_a_subclass_of_such_a_backend_keeps_its_answers_with_its_blocks_too() -> None:
    class Renamed(Hostile):
        pass

    storage = Renamed()
    storage.fail("commit")
    with pytest.raises(RuntimeError, match=COMMIT_FAILED):
        keep(storage, "k-4", answer())
    assert kept(storage, AGENT, "k-4", T0 - timedelta(hours=1)) is None

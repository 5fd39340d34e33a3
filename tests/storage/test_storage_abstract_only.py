"""A plugin's backend written against an older ``Storage``: only the abstract methods, each
newer one (``intake_many``, ``find_by_keys``, ``openings``, ``feed_head``, the dead-letter
helpers, ...) left to the base class. Every promise of the storage contract must still hold
through those defaults."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hostile_backend import Hostile

from complaintkit.channels.intake import IntakeSummary, records_read, take_in
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.assessment import EmptyPolicy
from complaintkit.storage.base import CaseQuery, LettersAsKept, Storage
from complaintkit.testing import StorageContract
from complaintkit.testing.storage_contract import make_complaint

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def older_backend() -> Storage:
    return Hostile()  # told no fault: the abstract methods, answered by a memory store


#: Contract tests that purge letters, which such a backend refuses as documented.
PURGING = pytest.mark.xfail(raises=LettersAsKept, strict=True, reason="it keeps every letter")


class TestAbstractOnlyStorage(StorageContract):
    @pytest.fixture
    def storage(self) -> Iterator[Storage]:
        with older_backend() as backend:
            yield backend

    @PURGING
    def test_dead_letters_keep_raw_bytes_and_purge_by_id(self, storage: Storage) -> None:
        super().test_dead_letters_keep_raw_bytes_and_purge_by_id(storage)

    @PURGING
    def test_a_nested_block_that_raises_is_undone(self, storage: Storage) -> None:
        super().test_a_nested_block_that_raises_is_undone(storage)

    @PURGING
    def test_an_outer_block_that_raises_undoes_everything(self, storage: Storage) -> None:
        super().test_an_outer_block_that_raises_undoes_everything(storage)


def _take_in_file(desk: Desk, path: Path) -> IntakeSummary:
    channel = desk.plugins.channel("jsonl", {}, desk.context)
    return take_in(
        desk,
        "jsonl",
        records_read(desk, "jsonl", channel, str(path)),
        locate=lambda: getattr(channel, "location", None),
        bytes_read=lambda: getattr(channel, "raw", None),
    )


def test_intake_answering_a_letter_goes_on_with_a_backend_that_cannot_purge(
    tmp_path: Path,
) -> None:
    """The run that takes in a record kept as a dead letter before removes that letter; a
    backend that cannot delete letters failed that run instead, the rest of its chunk's
    dead letters lost, and every later run the same: its letters are kept."""
    desk = Desk(EmptyPolicy(), storage=older_backend(), clock=ManualClock(T0))
    good = json.dumps(make_complaint("a").to_json())
    source = tmp_path / "in.jsonl"
    source.write_text(f"{good[:20]}\n", encoding="utf-8")  # cut short: no JSON yet
    assert len(_take_in_file(desk, source).rejected) == 1
    source.write_text(f"{good}\n{{still not json\n", encoding="utf-8")
    summary = _take_in_file(desk, source)
    assert (summary.opened, len(summary.rejected), summary.answered) == (1, 1, 0)
    assert len(desk.storage.dead_letters()) == 2
    assert len(desk.storage.find(CaseQuery())) == 1


def test_a_letter_refused_again_for_a_new_reason_keeps_its_old_one_on_such_a_backend() -> None:
    """``dead-letters retry`` refusing a letter for another cause than the kept one ended
    the whole retry run with a StorageError on a backend that cannot change a letter."""
    storage = older_backend()
    storage.dead_letter("complaint:jsonl:a", b"{}", "the old reason", T0)
    (letter,) = storage.dead_letters()
    storage.refused_on_retry(letter, "a new reason", T0)
    assert [d.reason for d in storage.dead_letters()] == ["the old reason"]

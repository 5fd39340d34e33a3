"""Concurrent HTTP intakes share a commit, each request still getting its own outcome."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from complaintkit.api.group_commit import GroupCommit
from complaintkit.desk import Desk, Taken
from complaintkit.errors import InvalidInput, KeyConflict, StorageError
from complaintkit.model.complaint import Complaint
from complaintkit.storage.base import CaseQuery
from complaintkit.testing.storage_contract import make_complaint


class CountingDesk(Desk):
    """A Desk that records the size of every ``intake_many`` and dawdles in it, so
    requests arriving meanwhile queue up."""

    def __init__(self, url: str) -> None:
        super().__init__(storage=url)
        self.groups: list[int] = []

    def intake_many(
        self,
        complaints: Iterable[Complaint | Mapping[str, Any]],
        *,
        withheld: Mapping[int, str] | None = None,
    ) -> list[Taken | InvalidInput]:
        batch = list(complaints)
        self.groups.append(len(batch))
        time.sleep(0.02)
        return super().intake_many(batch, withheld=withheld)


def test_concurrent_intakes_share_commits_and_each_gets_its_case(tmp_path: Path) -> None:
    desk = CountingDesk(f"sqlite:///{tmp_path / 'c.db'}")
    group = GroupCommit(desk)
    complaints = [make_complaint(f"k{n}", customer=f"C{n}") for n in range(24)]
    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(group.intake, complaints))
    assert all(isinstance(o, Taken) and o.created for o in outcomes)
    keys = [o.case.complaint.key for o in outcomes if isinstance(o, Taken)]
    assert keys == [c.key for c in complaints]
    assert sum(desk.groups) == 24
    assert len(desk.groups) < 24  # some requests rode on another's commit
    assert desk.storage.count(CaseQuery()) == 24


def test_a_key_sent_twice_at_once_opens_one_case(tmp_path: Path) -> None:
    desk = CountingDesk(f"sqlite:///{tmp_path / 'c.db'}")
    group = GroupCommit(desk)
    same = [make_complaint("dup") for _ in range(6)]
    other = make_complaint("dup", customer="C2")
    with ThreadPoolExecutor(7) as pool:
        outcomes = list(pool.map(group.intake, [*same, other]))
    taken = [o for o in outcomes[:6] if isinstance(o, Taken)]
    assert len(taken) == 6
    assert sum(o.created for o in taken) == 1
    assert len({o.case.id for o in taken}) == 1
    assert isinstance(outcomes[6], KeyConflict)


def test_a_failing_store_fails_every_request_of_the_group(tmp_path: Path) -> None:
    desk = CountingDesk(f"sqlite:///{tmp_path / 'c.db'}")
    group = GroupCommit(desk)

    def broken(complaints: list[Complaint], withheld: object = None) -> list[Taken]:
        time.sleep(0.05)
        raise StorageError("disk gone")

    desk.intake_many = broken  # type: ignore[method-assign, assignment]
    with ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(group.intake, make_complaint(f"k{n}")) for n in range(4)]
        for future in futures:
            with pytest.raises(StorageError, match="disk gone"):
                future.result()

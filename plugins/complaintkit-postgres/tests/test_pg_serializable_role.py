"""The storage keeps its promises for a role whose transactions default to SERIALIZABLE.

Some DBAs make ``serializable`` the database's or role's default isolation for safety. The
storage is built on READ COMMITTED (an intake waits on the key another holds, then reads
its case; a sweep skips locked rows): under SERIALIZABLE those waits end in
"could not serialize access", failing a call that would have succeeded.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from complaintkit_postgres import PostgresStorage
from pg_cases import chain, ladder_case
from pg_roles import role_url

from complaintkit.errors import Conflict
from complaintkit.testing import StorageContract

pytestmark = pytest.mark.postgres

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SERIALIZABLE = {"default_transaction_isolation": "serializable"}


@pytest.fixture
def serializable_url(postgres_server_url: str) -> Iterator[str]:
    with role_url(postgres_server_url, SERIALIZABLE) as url:
        yield url


class TestContractForASerializableRole(StorageContract):
    @pytest.fixture
    def storage(self, serializable_url: str) -> Iterator[PostgresStorage]:
        with PostgresStorage(serializable_url) as backend:
            yield backend


def test_racing_intakes_of_one_complaint_make_one_case(serializable_url: str) -> None:
    racers = 6
    with PostgresStorage(f"{serializable_url}&pool_max={racers}") as storage:
        barrier = threading.Barrier(racers)

        def take(n: int) -> tuple[str, bool]:
            case, events = ladder_case(0, T0, [T0], case_id=f"CK-RACE{n}")
            barrier.wait()
            stored, created = storage.intake(case, events)
            return stored.id, created

        with ThreadPoolExecutor(racers) as pool:
            results = list(pool.map(take, range(racers)))
        assert sum(created for _, created in results) == 1
        assert len({case_id for case_id, _ in results}) == 1


def test_two_agents_saving_one_case_at_once_meet_a_conflict_not_a_failure(
    serializable_url: str,
) -> None:
    with PostgresStorage(serializable_url) as setup:
        case, events = ladder_case(1, T0, [T0])
        case_id = setup.intake(case, events)[0].id
    barrier = threading.Barrier(2)

    def agent(name: str) -> str:
        with PostgresStorage(serializable_url) as storage:
            case = storage.get(case_id)
            barrier.wait()
            try:
                storage.save(case, [chain(case, "noted", {"text": name}, T0)])
            except Conflict:
                return "conflict"
            return "won"

    with ThreadPoolExecutor(2) as pool:
        assert sorted(pool.map(agent, ["agent.a", "agent.b"])) == ["conflict", "won"]

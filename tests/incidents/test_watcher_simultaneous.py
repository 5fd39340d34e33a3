"""Two processes completing one incident at the same instant raise it once.

Each process's watcher asks the store whether one of the incident's cases already records
it, then records it: two that both asked before either recorded flagged two cases (and
sent the recall alert twice). Here each process is a Desk with its own connection to the
store, in its own thread; a barrier holds each at its check until the other has made its
own, which is what two processes taking in the completing cases at once do.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from complaintkit_postgres import PostgresStorage

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk, batches
from complaintkit.incidents import INCIDENT_CHANNEL
from complaintkit.policy.compiled import load_policy
from incident_policy import incident_policy
from opened import OPENED

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)
POLICY = incident_policy("{key: product, min_cases: 3, window_hours: 48, opens_case: true}")
#: How long a process waits at its check for the other: with the checks exclusive, the
#: other cannot come, and the first goes on alone once this has passed.
ALONE_AFTER = 1.0


def complaint(n: int) -> dict[str, Any]:
    return {
        "channel": "web",
        "external_id": f"c{n}",
        "received_at": (T0 + timedelta(hours=n)).isoformat(),
        "customer": {"id": f"cust{n}"},
        "text": "the milk was sour",
        "product": "SKU-MILK",
    }


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite:///{tmp_path / 'cases.db'}"


def process(policy: Path, url: str) -> Desk:
    """One process: its own Desk, watcher and connection on the shared store."""
    storage = PostgresStorage(url) if url.startswith("postgresql:") else url
    desk = Desk(load_policy(policy), storage=storage, clock=ManualClock(T0 + timedelta(hours=5)))
    OPENED.append(desk.storage)
    return desk


def checks_meeting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hold each process at its check, after it, until the other has checked too."""
    meeting = threading.Barrier(2)
    checked: Callable[..., bool] = batches._raised

    def check_then_wait(*args: Any) -> bool:
        raised = checked(*args)
        # broken: the other process is kept from checking until this one has recorded
        with suppress(threading.BrokenBarrierError):
            meeting.wait(ALONE_AFTER)
        return raised

    monkeypatch.setattr(batches, "_raised", check_then_wait)


def test_two_processes_completing_one_incident_at_once_raise_it_once(
    tmp_path: Path, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY, encoding="utf-8")
    first, second = process(policy, url), process(policy, url)
    first.intake_many([complaint(1), complaint(2)])
    second.find()  # both are up before the completing cases arrive
    checks_meeting(monkeypatch)
    failures: list[BaseException] = []

    def take_in(desk: Desk, n: int) -> None:
        try:
            desk.intake(complaint(n))
        except BaseException as exc:
            failures.append(exc)

    threads = [
        threading.Thread(target=take_in, args=(desk, n)) for desk, n in ((first, 3), (second, 4))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert failures == []
    cases = first.find()
    flags = [e for c in cases for e in first.history(c.id) if e.kind == "incident_detected"]
    assert len(flags) == 1
    assert len([c for c in cases if c.complaint.channel == INCIDENT_CHANNEL]) == 1
    assert len(cases) == 5  # the four complaints' cases and the incident's

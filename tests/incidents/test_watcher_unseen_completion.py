"""A process raising an incident checks the cases others completed it with meanwhile.

Process A takes in case 3 and counts the incident it completes before process B's case 4
is committed; B, warming up after both are stored, counts the same incident with case 4
first (its clock runs behind, so case 4 was opened first) and records it on case 4. A then
checked only the cases it had counted (1, 2, 3) for the record, found none, and raised the
incident a second time. Which of the two came first was a matter of timing
(``test_watcher_simultaneous``, which failed so in CI now and then); here it is forced.
"""

from __future__ import annotations

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


def complaint(n: int, product: str = "SKU-MILK") -> dict[str, Any]:
    return {
        "channel": "web",
        "external_id": f"c{n}",
        "received_at": (T0 + timedelta(hours=n)).isoformat(),
        "customer": {"id": f"cust{n}"},
        "text": "the milk was sour",
        "product": product,
    }


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite:///{tmp_path / 'cases.db'}"


def process(policy: Path, url: str, now: datetime) -> Desk:
    storage = PostgresStorage(url) if url.startswith("postgresql:") else url
    desk = Desk(load_policy(policy), storage=storage, clock=ManualClock(now))
    OPENED.append(desk.storage)
    return desk


@pytest.mark.parametrize(
    "second_product", ["SKU-MILK", "\uff53\uff4b\uff55\uff0d\uff4d\uff49\uff4c\uff4b"]
)  # typed full-width
def test_an_incident_another_process_recorded_on_a_case_this_one_never_counted(
    tmp_path: Path, url: str, monkeypatch: pytest.MonkeyPatch, second_product: str
) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY, encoding="utf-8")
    first = process(policy, url, T0 + timedelta(hours=6))
    behind = process(policy, url, T0 + timedelta(hours=5))  # so its case opened first
    first.intake_many([complaint(1), complaint(2)])
    raise_once = batches._raise_once
    others_took_theirs_in: list[bool] = []

    def meanwhile(*args: Any) -> None:
        if not others_took_theirs_in:  # after A counted its case, before it records
            others_took_theirs_in.append(True)
            behind.intake(complaint(4, second_product))
        raise_once(*args)

    monkeypatch.setattr(batches, "_raise_once", meanwhile)
    first.intake(complaint(3))
    cases = first.find()
    flags = [e for c in cases for e in first.history(c.id) if e.kind == "incident_detected"]
    assert len(flags) == 1
    assert len([c for c in cases if c.complaint.channel == INCIDENT_CHANNEL]) == 1

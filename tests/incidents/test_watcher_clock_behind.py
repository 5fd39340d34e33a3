"""Two processes on one store whose clocks disagree: one incident, raised once, as reported.

A process whose clock runs behind opens cases stamped before cases already committed by the
other. Each live watcher counts such a late case as arriving with the newest it has seen,
while a process warming up (and a report) replays stored cases in the order they were
opened: the two saw the same cases in two orders, made two ids for one incident, and each
raised its own — two ``incident_detected`` events, two recall notices.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from complaintkit_postgres import PostgresStorage
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.reports import Scope, WindowRule, detect_batches, open_source
from incident_policy import incident_policy

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)
H = timedelta(hours=1)
RULE = WindowRule("product", 3, 48)
POLICY = incident_policy("{key: product, min_cases: 3, window_hours: 48}")


class Ticking(ManualClock):
    """Real time, shared by the processes: each reading a millisecond later."""

    def now(self) -> datetime:
        return self.advance(timedelta(milliseconds=1))


class Skewed(ManualClock):
    """A process's clock: real time (shared, set by the test) plus its own error."""

    def __init__(self, real: ManualClock, error: timedelta) -> None:
        self.real, self.error = real, error

    def now(self) -> datetime:
        return self.real.now() + self.error


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite:///{tmp_path / 'cases.db'}"


def process(tmp_path: Path, url: str, clock: ManualClock) -> Desk:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY, encoding="utf-8")
    storage = PostgresStorage(url) if url.startswith("postgresql:") else url
    return Desk(load_policy(path), storage=storage, clock=clock)


def complaint(n: int, product: str = "SKU-MILK") -> dict[str, Any]:
    return {
        "channel": "web",
        "external_id": f"c{n}",
        "received_at": (T0 - 6 * H).isoformat(),
        "customer": {"id": f"cust{n}"},
        "text": "the milk was sour",
        "product": product,
    }


def alerts(desk: Desk) -> list[tuple[str, str]]:
    """(case, incident id) of every incident_detected event stored, by any process."""
    return [
        (case.id, e.data["id"])
        for case in desk.find()
        for e in desk.history(case.id)
        if e.kind == "incident_detected"
    ]


def test_an_incident_seen_in_two_orders_is_raised_once_under_the_reports_id(
    tmp_path: Path, url: str
) -> None:
    real = Ticking(T0)
    ahead = process(tmp_path, url, Skewed(real, timedelta(0)))
    behind = process(tmp_path, url, Skewed(real, -2 * H))
    try:
        ahead.intake(complaint(0))  # at 09:00
        real.set(T0 + 0.5 * H)
        behind.intake(complaint(1))  # stamped 07:30, after 09:00's case was committed
        real.set(T0 + 2 * H)
        ahead.intake(complaint(2))  # completes the incident
        real.set(T0 + 5 * H)
        behind.intake(complaint(3))  # joins it
        [incident] = detect_batches(open_source(ahead.storage), RULE, Scope())
        assert [alert for _, alert in alerts(ahead)] == [incident.id]
    finally:
        ahead.storage.close()
        behind.storage.close()


def test_a_process_recording_an_incident_on_a_case_the_other_counted_after_it_opened(
    tmp_path: Path, url: str
) -> None:
    """The process behind, warming up, replays 09:00, its own two cases stamped the next day
    at 13:00 and the other's 15:00: its second case completes the incident. The other counted
    its 15:00 case second and the first of the late pair third: that one completes it there,
    and the case the first process flagged joined in the same read."""
    real = Ticking(T0)
    ahead = process(tmp_path, url, Skewed(real, timedelta(0)))
    behind = process(tmp_path, url, Skewed(real, -2 * H))
    try:
        ahead.intake(complaint(0))
        real.set(T0 + 30 * H)
        ahead.intake(complaint(1))
        behind.intake_many([complaint(2), complaint(3)])
        ahead.intake(complaint(4))
        [incident] = detect_batches(open_source(ahead.storage), RULE, Scope())
        assert [alert for _, alert in alerts(ahead)] == [incident.id]
    finally:
        ahead.storage.close()
        behind.storage.close()


def test_a_process_behind_records_an_incident_the_others_case_completes_on_its_own(
    tmp_path: Path, url: str
) -> None:
    """The process ahead took in two cases at 11:00; the one behind, warming up on its own
    two stamped 10:00, replays them first: the other's first case completes the incident,
    and that case last changed after this process's now, so it may not record it there
    (a case's history never runs backwards). It recorded it nowhere: nobody was told."""
    real = Ticking(T0 + 2 * H)
    ahead = process(tmp_path, url, Skewed(real, timedelta(0)))
    behind = process(tmp_path, url, Skewed(real, -1 * H))
    try:
        ahead.intake_many([complaint(0), complaint(1)])
        behind.intake_many([complaint(2), complaint(3)])
        [incident] = detect_batches(open_source(ahead.storage), RULE, Scope())
        [(flagged, alert)] = alerts(ahead)
        assert alert == incident.id
        assert flagged in incident.case_ids
    finally:
        ahead.storage.close()
        behind.storage.close()


def test_an_incident_recorded_under_another_id_is_not_raised_again(
    tmp_path: Path, url: str
) -> None:
    """Three cases at 14:00 opened an incident; a case the process behind stamps 13:30 comes
    first when that process replays the store, so it sees the same incident begin earlier,
    under another id (the report's). Incidents of a rule never share cases: one already
    recorded on any of its cases is this one."""
    real = Ticking(T0 + 5 * H)
    ahead = process(tmp_path, url, Skewed(real, timedelta(0)))
    behind = process(tmp_path, url, Skewed(real, -0.5 * H))
    try:
        ahead.intake_many([complaint(0), complaint(1), complaint(2)])
        behind.intake(complaint(3))
        [incident] = detect_batches(open_source(ahead.storage), RULE, Scope())
        assert len(alerts(ahead)) == 1
        assert {case for case, _ in alerts(ahead)} <= set(incident.case_ids)
    finally:
        ahead.storage.close()
        behind.storage.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    behind=st.sampled_from([0.25, 1.0, 3.0]),  # hours, a small part of the 48 hour window
    steps=st.lists(
        st.tuples(
            st.booleans(),  # the process behind takes it in
            st.sampled_from([0.0, 0.0, 0.5, 2.0, 30.0, 80.0]),  # real hours since the last step
            st.lists(st.sampled_from(["SKU-A", "SKU-B"]), min_size=1, max_size=3),
        ),
        min_size=1,
        max_size=12,
    ),
)
def test_every_incident_is_recorded_once_on_one_of_its_cases_whatever_the_clocks(
    tmp_path_factory: pytest.TempPathFactory, behind: float, steps: list[Any]
) -> None:
    folder = tmp_path_factory.mktemp("store")
    url = f"sqlite:///{folder / 'cases.db'}"
    real = Ticking(T0 + 100 * H)
    desks = [
        process(folder, url, Skewed(real, timedelta(0))),
        process(folder, url, Skewed(real, -behind * H)),
    ]
    try:
        n = 0
        for by_behind, gap, products in steps:
            real.set(real.now() + gap * H)
            batch = [complaint(n + i, product) for i, product in enumerate(products)]
            n += len(batch)
            desks[by_behind].intake_many(batch)
        incidents = detect_batches(open_source(desks[0].storage), RULE, Scope())
        recorded = alerts(desks[0])
        assert len(recorded) == len(incidents)
        for incident in incidents:
            assert sum(case in incident.case_ids for case, _ in recorded) == 1
    finally:
        for desk in desks:
            desk.storage.close()

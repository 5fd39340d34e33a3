"""An imported open case's warnings and breaches happen when they fell due, not at the next
recorded instant: the store then holds what the scheduler would have fired, and a replay
of the policy in force at any instant finds no change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store
from complaintkit.storage.sqlite import SQLiteStorage

ROOT = Path(__file__).resolve().parents[2]
POLICY = ROOT / "examples" / "cfpb" / "policy.yaml"  # response by the end of 15 calendar days
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def _import_late_answer(storage: SQLiteStorage) -> str:
    """Received 24 February 2020 (New York), answered 12 March: the 15 days end at 24:00 on
    10 March (EDT since the 8th: 23:00 -05:00), 383 real hours after receipt, so the 80 %
    warning falls due on 7 March at 18:24 (-05:00); both before the answer."""
    desk = Desk(load_policy(POLICY), storage=storage, clock=ManualClock(NOW))
    case = desk.intake(
        {
            "channel": "cfpb",
            "external_id": "3542139",
            "received_at": "2020-02-24T00:00:00-05:00",
            "customer": {"id": "c1"},
            "text": "Incorrect information on your report",
            "history": {
                "status": "investigating",
                "first_response_at": "2020-03-12T00:00:00-04:00",
            },
        }
    )
    return case.id


def test_the_warning_and_breach_are_stored_at_the_instants_they_fell_due(tmp_path: Path) -> None:
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cfpb.db'}") as storage:
        case_id = _import_late_answer(storage)
        events = {e.kind: e.at for e in storage.events(case_id)}
    assert events["sla_warning"] == datetime.fromisoformat("2020-03-07T18:24:00-05:00")
    due = datetime.fromisoformat("2020-03-10T23:00:00-05:00")  # breached once it has passed
    assert due <= events["sla_breached"] < due + timedelta(milliseconds=1)
    assert events["responded"] == datetime.fromisoformat("2020-03-12T00:00:00-04:00")


@pytest.mark.parametrize(
    "at",
    [
        "2020-03-07T18:23:00-05:00",  # before the warning
        "2020-03-08T12:00:00-04:00",  # warned, not yet breached
        "2020-03-11T12:00:00-04:00",  # breached, not yet answered
        "2020-03-12T00:00:00-04:00",  # answered
    ],
)
def test_the_policy_in_force_replays_the_import_unchanged_at_any_instant(
    tmp_path: Path, at: str
) -> None:
    policy = load_policy(POLICY)
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cfpb.db'}") as storage:
        _import_late_answer(storage)
        result = replay_store(storage, policy, Plugins(), horizon=datetime.fromisoformat(at))
    assert (result.comparison.cases, result.comparison.changed) == (1, 0)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    answered=st.integers(min_value=0, max_value=30 * 24 * 60),
    resolved=st.one_of(st.none(), st.integers(min_value=0, max_value=40 * 24 * 60)),
    at=st.floats(min_value=0, max_value=1),
)
def test_an_open_import_replays_unchanged_at_any_instant_of_its_history(
    tmp_path_factory: pytest.TempPathFactory, answered: int, resolved: int | None, at: float
) -> None:
    """Answered ``answered`` minutes after receipt (and resolved ``resolved`` minutes after
    that), the case replays to what is stored as of any instant up to its last record."""
    received = datetime.fromisoformat("2020-02-24T09:30:00-05:00")
    first = received + timedelta(minutes=answered)
    last = first if resolved is None else first + timedelta(minutes=resolved)
    history = {"status": "investigating", "first_response_at": first.isoformat()}
    if resolved is not None:
        history = {"status": "resolved", "first_response_at": first.isoformat()}
        history["resolved_at"] = last.isoformat()
    policy = load_policy(ROOT / "policies" / "regulatory" / "cfpb.yaml")  # warnings at 80 %
    path = tmp_path_factory.mktemp("imported") / "store.db"
    with SQLiteStorage(f"sqlite:///{path}") as storage:
        Desk(policy, storage=storage, clock=ManualClock(NOW)).intake(
            {
                "channel": "cfpb",
                "external_id": "1",
                "received_at": received.isoformat(),
                "customer": {"id": "c1"},
                "text": "Incorrect information on your report",
                "history": history,
            }
        )
        horizon = received + (last - received) * at
        result = replay_store(storage, policy, Plugins(), horizon=horizon)
    assert (result.comparison.cases, result.comparison.changed) == (1, 0)

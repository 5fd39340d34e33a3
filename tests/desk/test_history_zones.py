"""Customer-history facts count real days, whatever zone the Desk's clock reads in.

Python subtracts a timedelta from a zoned datetime on its wall clock: "the last 1 day"
seen at noon the day after the clocks went forward in New York reached back 23 real
hours, and a case opened 23.5 hours earlier was not counted.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from complaintkit.clock import ManualClock
from complaintkit.compensation.caps import CustomerCap
from complaintkit.desk import Desk
from complaintkit.desk.history import StoredHistory
from complaintkit.model.money import Money
from complaintkit.policy.compiled import load_policy
from complaintkit.replay.rehearsal import StoreHistoryAsOf, _Counted, _Seen

NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
#: Noon on the Saturday before New York's clocks go forward (08 March 2026, 02:00 EST).
BEFORE_SPRING = datetime(2026, 3, 7, 12, tzinfo=NEW_YORK)


def _complaint(external_id: str, at: datetime) -> dict[str, object]:
    return {
        "channel": "email",
        "external_id": external_id,
        "received_at": at.isoformat(),
        "customer": {"id": "C1"},
        "text": "the bread was damaged",
    }


@pytest.mark.parametrize("zone", [UTC, NEW_YORK], ids=["utc", "new-york"])
@pytest.mark.parametrize("backend", ["memory", "sqlite"])
def test_a_case_opened_23_and_a_half_real_hours_ago_is_in_the_last_day(
    tmp_path: Path, zone: tzinfo, backend: str
) -> None:
    storage = "memory:" if backend == "memory" else f"sqlite:///{tmp_path / 'cases.db'}"
    clock = ManualClock(BEFORE_SPRING.astimezone(zone))
    desk = Desk(load_policy("policies/retail/supermarket.yaml"), clock=clock, storage=storage)
    desk.intake(_complaint("1", clock.now()))
    clock.advance(timedelta(hours=23, minutes=30))  # 12:30 EDT on the Sunday: 24.5 h of wall
    history = StoredHistory(desk.storage, "C1", clock.now())
    assert history.complaints_in_last_days(1) == 1
    clock.advance(timedelta(hours=1))  # 24.5 real hours after
    assert StoredHistory(desk.storage, "C1", clock.now()).complaints_in_last_days(1) == 0


def test_a_repeat_complaint_the_next_day_is_tagged_repeat_with_a_zoned_clock() -> None:
    clock = ManualClock(BEFORE_SPRING)
    desk = Desk(load_policy("policies/retail/supermarket.yaml"), clock=clock)
    desk.intake(_complaint("1", clock.now()))
    clock.advance(timedelta(days=29, hours=23, minutes=30))  # within 30 real days
    case = desk.intake(_complaint("2", clock.now()))
    assert "repeat" in case.tags


@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 5, 1, 12, tzinfo=NEW_YORK),  # 90 days back crosses 8 March
        datetime(2026, 11, 20, 12, tzinfo=LONDON),  # crosses 25 October
        datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=NEW_YORK),  # the repeated hour
    ],
)
def test_a_cap_window_is_its_days_in_real_time(now: datetime) -> None:
    cap = CustomerCap(Money.of("500", "USD"), 90, ("voucher",), "caps[0]")
    assert now.astimezone(UTC) - cap.since(now).astimezone(UTC) == timedelta(days=90)


def test_replay_counts_the_last_days_as_intake_did_with_a_zoned_clock() -> None:
    clock = ManualClock(BEFORE_SPRING)
    desk = Desk(load_policy("policies/retail/supermarket.yaml"), clock=clock)
    desk.intake(_complaint("1", clock.now()))
    clock.advance(timedelta(hours=23, minutes=30))
    second = desk.intake(_complaint("2", clock.now()))
    at = second.opened_at
    assert StoreHistoryAsOf(desk.storage, second.id, "C1", at).complaints_in_last_days(1) == 1
    assert _Counted([_Seen(BEFORE_SPRING, None)], at).complaints_in_last_days(1) == 1

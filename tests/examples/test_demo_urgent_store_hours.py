"""The demo's urgent promises (food safety: someone steps in within 2 hours, resolved
within 8) are hours of the store's day, 09:00-21:00 in Shanghai: a complaint told at night
or before opening is answered and resolved while someone is there to do it, never given
less time than the same hours counted round the clock."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from complaintkit.demo.script import demo_policy_path
from complaintkit.desk.provisional import provisional_case
from complaintkit.model import Complaint, Customer
from complaintkit.policy.compiled import load_policy

SHANGHAI = ZoneInfo("Asia/Shanghai")
POLICY = load_policy(demo_policy_path())
OPEN, CLOSE = time(9), time(21)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


def urgent_deadlines(received: datetime) -> dict[str, datetime]:
    complaint = Complaint(
        channel="web",
        external_id="u",
        received_at=received,
        customer=Customer(id="c"),
        text="\u725b\u5976\u53d8\u8d28\u4e86",  # the milk went off
    )
    case = provisional_case(POLICY, complaint)
    assert case.priority == "urgent"
    return {name: clock.due_at for name, clock in case.clocks.metrics.items() if clock.due_at}


def in_store_hours(instant: datetime) -> bool:
    return OPEN <= instant.astimezone(SHANGHAI).time() <= CLOSE


RECEIPTS = st.datetimes(
    min_value=datetime(2026, 1, 1),  # noqa: DTZ001 - bounds for hypothesis
    max_value=datetime(2027, 12, 31),  # noqa: DTZ001
    timezones=st.just(SHANGHAI),
)


@SETTINGS
@given(RECEIPTS)
@example(datetime(2026, 11, 23, 22, 30, tzinfo=SHANGHAI))  # after closing
@example(datetime(2026, 11, 23, 8, 12, tzinfo=SHANGHAI))  # before opening
@example(datetime(2026, 11, 23, 20, 0, tzinfo=SHANGHAI))  # an hour before closing
def test_urgent_deadlines_fall_in_store_hours(received: datetime) -> None:
    due = urgent_deadlines(received.astimezone(UTC))
    assert set(due) == {"first_response", "resolution"}
    assert all(in_store_hours(at) for at in due.values()), due
    assert due["first_response"] >= received + timedelta(hours=2)
    assert due["resolution"] >= received + timedelta(hours=8)


def test_a_food_safety_complaint_at_night_is_answered_the_next_morning() -> None:
    due = urgent_deadlines(datetime(2026, 11, 23, 22, 30, tzinfo=SHANGHAI))
    assert due["first_response"] == datetime(2026, 11, 24, 11, 0, tzinfo=SHANGHAI)
    assert due["resolution"] == datetime(2026, 11, 24, 17, 0, tzinfo=SHANGHAI)

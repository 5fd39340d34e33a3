"""A complaint cannot arrive, nor have been handled, later than the Desk's clock says now.

A sender's clock or time zone that is wrong by a day would start the SLA clocks a day late:
a complaint "received" in 2199 never falls due. A few minutes' leeway allows for senders'
clocks running a little ahead.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk, Taken
from complaintkit.desk.arrival import CLOCK_LEEWAY
from complaintkit.errors import InvalidInput
from complaintkit.testing.storage_contract import T0, make_complaint


def desk_at(now: datetime = T0) -> Desk:
    return Desk(clock=ManualClock(now))


def test_a_complaint_received_after_now_is_refused_naming_received_at() -> None:
    desk = desk_at(T0 - timedelta(days=1))
    with pytest.raises(InvalidInput) as refused:
        desk.intake(make_complaint("late-clock"))
    assert refused.value.field == "received_at"
    (outcome,) = desk.intake_many([make_complaint("late-clock")])
    assert isinstance(outcome, InvalidInput)
    assert outcome.field == "received_at"
    assert desk.storage.find_by_key("web", "late-clock") is None


def test_a_sender_clock_a_little_ahead_is_taken() -> None:
    desk = desk_at(T0 - CLOCK_LEEWAY)
    assert desk.intake(make_complaint("a")).complaint.received_at == T0


def test_a_recorded_instant_after_now_is_refused_naming_it() -> None:
    desk = desk_at(T0 + timedelta(days=1))
    future = (T0 + timedelta(days=400)).isoformat()
    complaint = make_complaint("old-1", history={"status": "closed", "closed_at": future})
    with pytest.raises(InvalidInput) as refused:
        desk.intake(complaint)
    assert refused.value.field == "history.closed_at"


@settings(max_examples=60, deadline=None)
@given(offset=st.timedeltas(min_value=timedelta(days=-30), max_value=timedelta(days=30)))
def test_taken_exactly_when_received_by_now_with_leeway(offset: timedelta) -> None:
    desk = desk_at(T0 + offset)
    (outcome,) = desk.intake_many([make_complaint("k")])
    assert isinstance(outcome, Taken) == (T0 + offset + CLOCK_LEEWAY >= T0)

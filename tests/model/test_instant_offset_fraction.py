"""A UTC offset with a fraction of a second (``+01:00:00.5``, which ``fromisoformat`` and
``timezone`` take) is refused wherever an instant comes in: no zone has one, ISO 8601
has no way to write one, and PostgreSQL cannot store one, so the memory and SQLite stores
kept a complaint that PostgreSQL failed on with a driver's error. Offsets in whole seconds
(the local mean time of zones before 1900, ``+08:05:43``) are read as before."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint
from complaintkit.model.instants import aware, parse_instant

FRACTIONS = st.integers(1, 999_999)


@pytest.mark.parametrize(
    "written",
    [
        "2026-01-01T00:00:00+01:00:00.5",
        "2026-01-01T00:00:00-13:59:59.999999",
        "2026-01-01T00:00:00.5+05:30:00.25",
    ],
)
def test_an_offset_with_a_fraction_of_a_second_is_refused_as_text(written: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_instant(written, "received_at")
    assert refused.value.field == "received_at"
    assert written in refused.value.message


@given(seconds=st.integers(-86_399, 86_399), micro=FRACTIONS)
def test_an_offset_with_a_fraction_of_a_second_is_refused_as_a_datetime(
    seconds: int, micro: int
) -> None:
    offset = timezone(timedelta(seconds=seconds, microseconds=micro))
    instant = datetime(2026, 11, 23, 9, 0, tzinfo=offset)
    for refuse in (lambda: aware(instant, "now"), lambda: ManualClock(instant)):
        with pytest.raises(InvalidInput):
            refuse()


def test_a_complaint_received_at_such_an_offset_is_refused_naming_received_at() -> None:
    with pytest.raises(InvalidInput) as refused:
        Complaint.from_json(
            {
                "channel": "web",
                "external_id": "k",
                "received_at": "2026-01-01T00:00:00+01:00:00.5",
                "customer": {"id": "C1"},
                "text": "late",
            }
        )
    assert refused.value.field == "received_at"


@given(seconds=st.integers(-86_399, 86_399))
def test_an_offset_of_whole_seconds_is_read_as_written(seconds: int) -> None:
    instant = datetime(2026, 11, 23, 9, 0, tzinfo=timezone(timedelta(seconds=seconds)))
    assert parse_instant(instant.isoformat(), "at") == instant
    assert aware(instant, "at") is instant


def test_local_mean_time_before_1900_is_still_an_instant() -> None:
    shanghai = datetime(1900, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert parse_instant(shanghai.isoformat(), "received_at") == shanghai

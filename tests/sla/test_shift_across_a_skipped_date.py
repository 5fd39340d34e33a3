"""A night shift keeps its hours across a date the clocks skip whole. Samoa moved west of
the date line at the end of 29 December 2011 (UTC-10) straight into 31 December (UTC+14):
the 30th never happened. The shift of the 29th, 20:00-04:00, ends at 04:00 on a date the
clocks skipped, read with the offset before the change (docs/sla.md), 14:00 UTC: it was
cut at 10:00 UTC, where the skipped date would have begun and ended, since a day took the
hours running into it only from the date before, here the one that never was."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from complaintkit.sla.policy import compile_sections
from complaintkit.sla.timeline import Timeline

H = timedelta(hours=1)


def _calendar() -> Timeline:
    sla = {"calendar": "apia", "targets": [{"resolution": "8 business hours"}]}
    apia = {"timezone": "Pacific/Apia", "hours": {"daily": ["20:00-04:00"]}}
    policy = compile_sections({"calendars": {"apia": apia}, "sla": sla})
    assert policy is not None
    return policy.calendars["apia"]


def test_the_shift_before_a_skipped_date_runs_to_its_end() -> None:
    calendar = _calendar()
    opens = datetime(2011, 12, 30, 6, tzinfo=UTC)  # 29 December 20:00 UTC-10
    ends = datetime(2011, 12, 30, 14, tzinfo=UTC)  # "30 December 04:00" read at UTC-10
    assert calendar.is_working(opens)
    assert calendar.is_working(ends - timedelta(minutes=1))
    assert not calendar.is_working(ends)
    assert calendar.elapsed(opens, ends + 12 * H) == 8 * H
    assert calendar.add(opens, 8 * H) == ends
    assert calendar.business_date(ends - H).isoformat() == "2011-12-29"


def test_the_next_shift_comes_as_before() -> None:
    calendar = _calendar()
    opens = datetime(2011, 12, 31, 6, tzinfo=UTC)  # 31 December 20:00 UTC+14
    assert calendar.add(opens, 8 * H) == opens + 8 * H
    assert calendar.business_date(opens).isoformat() == "2011-12-31"

"""The UK packs' business days in each part of the United Kingdom, against the bank
holidays gov.uk lists for England and Wales, Scotland and Northern Ireland, written out
below rather than read from the ``holidays`` package.

The FCA Glossary's "business day" (DISP 1.5.1's three business days, and DISP 1.6.2A's
15 / 35 for payment services, PSRs 2017 reg. 101) is any day but a Saturday, a Sunday,
Christmas Day, Good Friday or a bank holiday "in that part of the United Kingdom": a
Scottish firm works on Easter Monday and not on St Andrew's Day, a Northern Irish one
not on St Patrick's Day or the Twelfth. Both packs read the part from
``complaint.attributes.jurisdiction``, as a name or its ISO 3166-2 code."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import Policy, load_policy

REGULATORY = Path(__file__).parents[2] / "policies" / "regulatory"
LONDON = ZoneInfo("Europe/London")
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


def _days(*days: str) -> frozenset[date]:
    return frozenset(date.fromisoformat(day) for day in days)


#: gov.uk/bank-holidays, 2025 to 2027 (substitute days where the day falls on a weekend;
#: Scotland's one-off 15 June 2026 for its first World Cup match since 1998).
BANK_HOLIDAYS = {
    "england": _days(
        "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25",
        "2025-12-25", "2025-12-26",
        "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31",
        "2026-12-25", "2026-12-28",
        "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30",
        "2027-12-27", "2027-12-28",
    ),
    "scotland": _days(
        "2025-01-01", "2025-01-02", "2025-04-18", "2025-05-05", "2025-05-26", "2025-08-04",
        "2025-12-01", "2025-12-25", "2025-12-26",
        "2026-01-01", "2026-01-02", "2026-04-03", "2026-05-04", "2026-05-25", "2026-06-15",
        "2026-08-03", "2026-11-30", "2026-12-25", "2026-12-28",
        "2027-01-01", "2027-01-04", "2027-03-26", "2027-05-03", "2027-05-31", "2027-08-02",
        "2027-11-30", "2027-12-27", "2027-12-28",
    ),
    "northern_ireland": _days(
        "2025-01-01", "2025-03-17", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26",
        "2025-07-14", "2025-08-25", "2025-12-25", "2025-12-26",
        "2026-01-01", "2026-03-17", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25",
        "2026-07-13", "2026-08-31", "2026-12-25", "2026-12-28",
        "2027-01-01", "2027-03-17", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31",
        "2027-07-12", "2027-08-30", "2027-12-27", "2027-12-28",
    ),
}  # fmt: skip
#: How a case may name each part: the pack's key, the name as written, the ISO 3166-2 code.
SPELLINGS = {
    "england": ["england", "England", "wales", "Wales", "ENG", "GB-ENG", "WLS", "GB-WLS"],
    "scotland": ["scotland", "Scotland", "SCT", "GB-SCT"],
    "northern_ireland": ["northern_ireland", "Northern Ireland", "NIR", "GB-NIR"],
}
#: The same names as an import writes them: another case, a space, underscore or hyphen
#: for another, a lower-case ISO code. Each counted on England's holidays was a day early
#: across St Andrew's or St Patrick's Day.
SPELLED_OTHERWISE = {
    "scotland": ["SCOTLAND", "sct", "gb-sct", " Scotland "],
    "northern_ireland": [
        "northern ireland",
        "Northern_Ireland",
        "NORTHERN IRELAND",
        "Northern-Ireland",
        "nir",
        "gb-nir",
        "gb_nir",
    ],
}
#: Receipts whose deadlines the lists above cover (15 business days from late 2027 end in 2028).
FIRST, LAST = datetime(2025, 1, 1, tzinfo=UTC), datetime(2027, 11, 30, tzinfo=UTC)


def business_day(part: str) -> Callable[[date], bool]:
    return lambda day: day.weekday() < 5 and day not in BANK_HOLIDAYS[part]


def nth_business_day_after(day: date, n: int, part: str) -> date:
    is_business = business_day(part)
    while n:
        day += timedelta(days=1)
        n -= is_business(day)
    return day


def at(day: date, hour: time) -> datetime:
    return datetime.combine(day, hour, LONDON)


def summary_resolution_due(received: datetime, part: str) -> datetime:
    """DISP 1.5.1: close of business (17:00) on the third business day following the day
    of receipt."""
    return at(nth_business_day_after(received.astimezone(LONDON).date(), 3, part), time(17))


def psd2_due(received: datetime, part: str, days: int = 15) -> datetime:
    """reg. 101: the end of the 15th business day after the day of receipt, a receipt
    outside 09:00-17:00 on a business day counting as received at the next opening."""
    local = received.astimezone(LONDON)
    day = local.date()
    if not business_day(part)(day) or local.time() >= time(17):
        day = nth_business_day_after(day, 1, part)
    last = nth_business_day_after(day, days, part)
    return at(last + timedelta(days=1), time(0))


@cache
def pack(name: str) -> Policy:
    return load_policy(REGULATORY / name)


def deadlines(name: str, received: datetime, jurisdiction: str) -> dict[str, datetime | None]:
    desk = Desk(pack(name), clock=ManualClock(received))
    case = desk.intake(
        {
            "channel": "email",
            "external_id": "UK-1",
            "received_at": received.isoformat(),
            "customer": {"id": "C-1"},
            "text": "A direct debit was taken twice",
            "attributes": {"jurisdiction": jurisdiction},
        }
    )
    return {metric: clock.due_at for metric, clock in case.clocks.metrics.items()}


#: Days where the parts differ, and DST changes, with the days around them.
SPECIAL = [
    date(2026, 1, 1), date(2025, 12, 31), date(2026, 3, 13), date(2026, 3, 16),
    date(2026, 3, 27), date(2026, 3, 28), date(2026, 4, 2), date(2026, 6, 11),
    date(2026, 7, 9), date(2026, 7, 31), date(2026, 8, 27), date(2026, 10, 24),
    date(2026, 11, 26), date(2026, 12, 23), date(2026, 12, 31), date(2027, 3, 24),
    date(2025, 11, 27), date(2027, 1, 1),
]  # fmt: skip
TIMES = [time(0), time(8, 59, 59), time(9), time(16, 59, 59), time(17), time(23, 59, 59),
         time(1, 30)]  # fmt: skip


@st.composite
def receipts(draw: st.DrawFn) -> datetime:
    """A telling London wall time near a day the parts keep differently, or any minute."""
    if draw(st.booleans()):
        day = draw(st.sampled_from(SPECIAL)) + timedelta(days=draw(st.integers(-1, 2)))
        return at(day, draw(st.sampled_from(TIMES))).astimezone(UTC)
    minutes = int((LAST - FIRST).total_seconds() // 60)
    return FIRST + timedelta(minutes=draw(st.integers(0, minutes)))


PARTS = st.sampled_from(sorted(BANK_HOLIDAYS))


@SETTINGS
@given(receipts(), PARTS)
@example(at(date(2026, 11, 26), time(10)).astimezone(UTC), "scotland")  # St Andrew's Day
@example(at(date(2026, 4, 2), time(10)).astimezone(UTC), "scotland")  # no Easter Monday
@example(at(date(2026, 3, 13), time(10)).astimezone(UTC), "northern_ireland")  # St Patrick's
@example(at(date(2026, 7, 9), time(10)).astimezone(UTC), "northern_ireland")  # the Twelfth
@example(at(date(2025, 12, 31), time(10)).astimezone(UTC), "scotland")  # 2 January
def test_fca_summary_resolution_closes_on_the_third_business_day_where_the_firm_is(
    received: datetime, part: str
) -> None:
    found = deadlines("fca-disp.yaml", received, part)
    assert found["summary_resolution"] == summary_resolution_due(received, part)
    eight_weeks = at(received.astimezone(LONDON).date() + timedelta(weeks=8, days=1), time(0))
    assert found["disp_response"] == found["resolution"] == eight_weeks


@SETTINGS
@given(receipts(), PARTS)
@example(at(date(2026, 6, 11), time(17)).astimezone(UTC), "scotland")  # World Cup Monday
def test_psd2_fifteen_business_days_where_the_firm_is(received: datetime, part: str) -> None:
    assert deadlines("psd2-art101.yaml", received, part)["resolution"] == psd2_due(received, part)


@pytest.mark.parametrize("pack_name", ["fca-disp.yaml", "psd2-art101.yaml"])
@pytest.mark.parametrize(
    ("part", "spelling"),
    [
        (part, name)
        for spellings in (SPELLINGS, SPELLED_OTHERWISE)
        for part, names in spellings.items()
        for name in names
    ],
)
def test_each_part_is_known_by_its_name_and_its_iso_code(
    pack_name: str, part: str, spelling: str
) -> None:
    # Thu 26 Nov 2026: St Andrew's Day (Mon 30 Nov) is Scotland's only; Tue 17 Mar 2026 is
    # St Patrick's Day, Northern Ireland's only
    for received in (at(date(2026, 11, 26), time(10)), at(date(2026, 3, 13), time(10))):
        found = deadlines(pack_name, received, spelling)
        if pack_name == "fca-disp.yaml":
            assert found["summary_resolution"] == summary_resolution_due(received, part)
        else:
            assert found["resolution"] == psd2_due(received, part)

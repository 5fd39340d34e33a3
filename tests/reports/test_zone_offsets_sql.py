"""SQLite groups the daily counts by local day through a CASE expression of the zone's UTC
offsets: for any instant in the span it must give the offset Python gives, and building it
for a span that starts in 1900 (an imported complaint) must not step through every hour of
126 years (1.1 million steps, over a second for each daily query)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.reports.sqlite_source import _offset_sql

ZONES = [
    "Asia/Shanghai",  # DST 1986-1991, and local mean time before 1901
    "Europe/London",
    "America/New_York",
    "Australia/Lord_Howe",  # a half-hour DST
    "Asia/Kolkata",
    "America/St_Johns",
    "Europe/Dublin",  # a negative DST in the tz data
]
LO = datetime(1900, 1, 1, tzinfo=UTC).timestamp()
HI = datetime(2030, 1, 1, tzinfo=UTC).timestamp()


def _python_offset(zone: ZoneInfo, ts: float) -> float:
    shift = datetime.fromtimestamp(ts, UTC).astimezone(zone).utcoffset()
    return 0.0 if shift is None else shift.total_seconds()


@pytest.fixture(name="expressions", scope="module")
def expressions_fixture() -> dict[str, tuple[str, list[float]]]:
    return {name: _offset_sql(ZoneInfo(name), LO, HI) for name in ZONES}


@settings(max_examples=300)
@given(
    zone=st.sampled_from(ZONES),
    at=st.floats(min_value=LO, max_value=HI, allow_nan=False),
    near=st.sampled_from([0.0, -1.0, -0.5, 0.5, 1.0, 3599.0, 3600.0]),
)
def test_sql_gives_the_offset_python_gives(
    expressions: dict[str, tuple[str, list[float]]], zone: str, at: float, near: float
) -> None:
    expression, params = expressions[zone]
    db = sqlite3.connect(":memory:")
    (got,) = db.execute(
        f"SELECT {expression} FROM (SELECT ? AS received_at) AS f",
        [*params, at],
    ).fetchone()
    assert got == _python_offset(ZoneInfo(zone), at)


@pytest.mark.parametrize("zone", ZONES)
def test_every_transition_is_exact_to_the_second(zone: str) -> None:
    """At each instant the expression switches offset, Python's offset switches too."""
    _, params = _offset_sql(ZoneInfo(zone), LO, HI)
    bounds = params[0:-1:2]
    assert bounds  # every zone here changed its offset at least once since 1900
    assert bounds == sorted(bounds)
    for bound in bounds:
        assert _python_offset(ZoneInfo(zone), bound - 1) != _python_offset(ZoneInfo(zone), bound)

"""Instants: ISO texts remembered per object, and durations rounded as the stores round them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.model.instants import iso_text, seconds_between

OFFSETS = st.integers(-14 * 60, 14 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes)))
INSTANTS = st.datetimes(
    min_value=datetime(1900, 1, 1),  # noqa: DTZ001 - bounds for hypothesis
    max_value=datetime(2200, 1, 1),  # noqa: DTZ001
    timezones=st.just(UTC),
).flatmap(lambda moment: OFFSETS.map(moment.astimezone))


@given(INSTANTS)
def test_the_text_is_isoformat_asked_once_or_again(moment: datetime) -> None:
    assert iso_text(moment) == moment.isoformat()
    assert iso_text(moment) == moment.isoformat()


@given(INSTANTS, OFFSETS)
def test_an_equal_instant_at_another_offset_keeps_its_own_text(
    moment: datetime, offset: timezone
) -> None:
    other = moment.astimezone(offset)
    assert other == moment
    assert iso_text(moment) == moment.isoformat()
    assert iso_text(other) == other.isoformat()


def test_texts_stay_right_after_the_memo_is_emptied() -> None:
    start = datetime(2026, 3, 30, 8, tzinfo=UTC)
    moments = [start + timedelta(seconds=n) for n in range(3000)]  # more than it keeps
    assert [iso_text(m) for m in moments] == [m.isoformat() for m in moments]
    assert [iso_text(m) for m in moments] == [m.isoformat() for m in moments]


@given(INSTANTS, st.integers(min_value=-(10**15), max_value=10**15))
def test_seconds_between_rounds_exact_microseconds_half_away_from_zero(
    start: datetime, micros: int
) -> None:
    end = start + timedelta(microseconds=micros)
    exact = (Decimal(micros) / 1_000_000).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    assert seconds_between(start, end) == float(exact)


def test_a_half_millisecond_rounds_away_from_zero() -> None:
    start = datetime(2026, 3, 2, 9, tzinfo=UTC)
    assert seconds_between(start, start + timedelta(microseconds=2500)) == 0.003
    assert seconds_between(start + timedelta(microseconds=2500), start) == -0.003

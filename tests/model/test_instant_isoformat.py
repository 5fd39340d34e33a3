"""``instants.isoformat``: the text ``datetime.isoformat`` writes, to the letter — every
event hash covers it — whatever the zone, offset, fold or microseconds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.model import instants
from complaintkit.model.instants import isoformat

#: Offsets of whole minutes, and the odd ones ``timezone`` allows (seconds, microseconds).
OFFSETS = st.one_of(
    st.integers(-24 * 60 + 1, 24 * 60 - 1).map(lambda m: timezone(timedelta(minutes=m))),
    st.integers(-86_399_999_999, 86_399_999_999).map(
        lambda us: timezone(timedelta(microseconds=us))
    ),
    st.just(UTC),
)
ZONES = st.sampled_from(
    [ZoneInfo(name) for name in ("Asia/Shanghai", "America/New_York", "Europe/London")]
    + [ZoneInfo("America/Santiago"), ZoneInfo("Australia/Lord_Howe")]
)
NAIVE = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30))  # noqa: DTZ001


@given(NAIVE, st.one_of(OFFSETS, ZONES), st.booleans())
def test_the_text_is_the_methods(moment: datetime, zone: timezone | ZoneInfo, fold: bool) -> None:
    aware = moment.replace(tzinfo=zone, fold=int(fold))
    assert isoformat(aware) == aware.isoformat()
    assert isoformat(aware) == aware.isoformat()  # from its remembered parts


@given(NAIVE)
def test_a_naive_moment_has_no_offset_written(moment: datetime) -> None:
    assert isoformat(moment) == moment.isoformat()


def test_a_subclass_writes_itself() -> None:
    class Shown(datetime):
        def isoformat(self, sep: str = "T", timespec: str = "auto") -> str:
            return "shown"

    assert isoformat(Shown(2026, 12, 7, tzinfo=UTC)) == "shown"


def test_the_remembered_parts_stay_bounded() -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    days = [start + timedelta(days=n) for n in range(instants._DAYS_KEPT + 10)]
    odd = [datetime(2026, 1, 1, tzinfo=timezone(timedelta(microseconds=n))) for n in range(1, 5000)]
    assert [isoformat(m) for m in days] == [m.isoformat() for m in days]
    assert [isoformat(m) for m in odd] == [m.isoformat() for m in odd]
    assert len(instants._DAYS) <= instants._DAYS_KEPT
    assert len(instants._OFFSETS) <= instants._OFFSETS_KEPT

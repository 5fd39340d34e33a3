"""Opening hours as a Chinese SOP writes them — days named in Chinese (周一至周五, 工作日),
intervals typed in full-width mode (a full-width colon and tilde): the error says what to write instead,
and what it advises is read as what was meant."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import InvalidInput
from complaintkit.policy.compiled import check_policy
from complaintkit.sla.hours import Shift, parse_weekdays, weekday_index

_NAMES = ("一", "二", "三", "四", "五", "六", "日")
_EN = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@pytest.mark.parametrize(
    ("written", "advice"),
    [
        ("周一至周五", "'mon-fri'"),
        ("星期一到星期五", "'mon-fri'"),
        ("週一至週五", "'mon-fri'"),
        ("周一~周六", "'mon-sat'"),
        ("礼拜一至礼拜五", "'mon-fri'"),
        ("周六、周日", "'sat,sun'"),
        ("星期六\uff0c星期天", "'sat,sun'"),
        ("周日", "'sun'"),
        ("周一至周五、周日", "'mon-fri,sun'"),
        ("工作日", "'mon-fri'"),
        ("周末", "'sat,sun'"),
        ("每天", "'daily'"),
    ],
)
def test_chinese_weekdays_say_what_to_write(written: str, advice: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_weekdays(written, "calendars.office.hours")
    assert raised.value.field == "calendars.office.hours"
    assert f"write {advice}" in raised.value.message


@pytest.mark.parametrize("written", ["周八", "周一至", "星期", "下午", "mon至fri"])
def test_no_advice_for_what_names_no_days(written: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_weekdays(written, "hours")
    assert "write '" not in raised.value.message
    assert "is not a weekday" in raised.value.message


_prefix = st.sampled_from(["周", "星期", "礼拜", "週", "禮拜"])
_to = st.sampled_from(["至", "到", "~", "\uff5e", "-", "\uff0d", "\u2014"])


@given(_prefix, _to, st.integers(0, 6), st.integers(0, 6))
def test_an_advised_range_is_read_as_the_days_written(
    prefix: str, to: str, first: int, last: int
) -> None:
    written = f"{prefix}{_NAMES[first]}{to}{prefix}{_NAMES[last]}"
    with pytest.raises(InvalidInput) as raised:
        parse_weekdays(written, "hours")
    advised = raised.value.message.split("write '")[1].split("'")[0]
    assert parse_weekdays(advised, "hours") == parse_weekdays(f"{_EN[first]}-{_EN[last]}", "h")


def test_validate_names_the_key_and_the_form_to_write(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(
        "complaintkit: 1\nname: shop\nversion: '1'\n"
        "calendars:\n"
        "  office: {timezone: Asia/Shanghai, hours: {周一至周五: ['09:00-18:00']}}\n",
        encoding="utf-8",
    )
    problems = check_policy(path)
    (weekday,) = [p for p in problems if "weekday" in p.message]
    assert "calendars.office.hours" in weekday.location.path
    assert "write 'mon-fri'" in weekday.message + weekday.hint


@pytest.mark.parametrize(
    ("written", "advice"),
    [
        ("9\uff1a00\uff5e18\uff1a30", "'09:00-18:30'"),
        ("09:00至12:00", "'09:00-12:00'"),
        ("13:30到17:30", "'13:30-17:30'"),
        ("9:00\u201418:00", "'09:00-18:00'"),
        ("22\uff1a00\uff5e06\uff1a00", "'22:00-06:00'"),
    ],
)
def test_a_full_width_interval_says_what_to_write(written: str, advice: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        Shift.parse(written, "calendars.office.hours.mon-fri[0]")
    assert raised.value.field == "calendars.office.hours.mon-fri[0]"
    assert f"write {advice}" in raised.value.message
    Shift.parse(advice.strip("'"))


@pytest.mark.parametrize("written", ["9点到18点", "全天", "25\uff1a00\uff5e26\uff1a00"])
def test_no_advice_for_what_is_no_interval(written: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        Shift.parse(written, "h")
    assert "HH:MM-HH:MM" in raised.value.message


@given(st.integers(0, 23), st.integers(0, 59), st.integers(0, 23), st.integers(0, 59))
def test_an_advised_interval_is_the_one_typed(sh: int, sm: int, eh: int, em: int) -> None:
    written = f"{sh}\uff1a{sm:02d}\uff5e{eh}\uff1a{em:02d}"
    if (sh, sm) == (eh, em):
        return
    with pytest.raises(InvalidInput) as raised:
        Shift.parse(written, "h")
    advised = raised.value.message.split("write '")[1].split("'")[0]
    assert Shift.parse(advised) == Shift.parse(f"{sh}:{sm:02d}-{eh}:{em:02d}")


def test_one_weekday_in_chinese_says_which() -> None:
    with pytest.raises(InvalidInput) as raised:
        weekday_index("周六", "calendars.office.working_days.2026-06-06")
    assert "write 'sat'" in raised.value.message
    with pytest.raises(InvalidInput) as raised:
        weekday_index("周一至周五", "f")  # one day is asked for: no range advised
    assert "write one of mon" in raised.value.message

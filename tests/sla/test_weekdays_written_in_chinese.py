"""Working days as a Chinese SOP writes them (周一至周五, 星期六、星期日, 工作日): the error
on an opening-hours key says what to write instead, and what it advises is read as the
same days."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import InvalidInput
from complaintkit.policy.compiled import check_policy
from complaintkit.sla.hours import parse_weekdays

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

"""A duration copied from a regulation says where it starts: 自收到投诉之日起七个工作日内
(市场监督管理投诉举报处理暂行办法 第十四条), 自受理之日起四十五个工作日内, 收到后24小时内,
"30 days from receipt", "10 working days from the date of receipt". They were refused
with the bare list of forms; now the refusal names the duration and says that where a
clock starts is written apart (receipt, unless ``from`` or the metric's ``start`` says)."""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.sla.durations import parse_duration

STARTS = "where a clock starts is written apart"


@pytest.mark.parametrize(
    ("written", "duration"),
    [
        ("自收到投诉之日起七个工作日内", "7个工作日"),
        ("自收到之日起15日内", "15日"),
        ("自受理之日起四十五个工作日内", "45个工作日"),
        ("从收到投诉起24小时内", "24小时"),
        ("收到后24小时内", "24小时"),
        ("接到投诉后2小时内", "2小时"),
        ("30 days from receipt", "30 days"),
        ("10 working days from the date of receipt", "10 working days"),
        ("15 days after receipt", "15 days"),
        ("3 business days following receipt", "3 business days"),
        ("within 8 weeks of receipt", "8 weeks"),
        ("15 business days of receiving the complaint", "15 business days"),
    ],
)
def test_a_duration_said_with_its_start_is_told_the_duration(written: str, duration: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_duration(written)
    message = raised.value.message
    assert f"write {duration!r}" in message
    assert STARTS in message
    parse_duration(duration)


@pytest.mark.parametrize(
    "written",
    [
        "自收到之日起",
        "自收到之日起自收到之日起" * 2000 + "7日",
        "from receipt",
        "7 bizness days from receipt",
    ],
)
def test_a_start_without_a_duration_read_after_it_is_told_nothing_of_it(written: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_duration(written)
    assert STARTS not in raised.value.message

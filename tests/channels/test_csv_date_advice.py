"""A date in a CSV row written in no form read without ``-o date_format``: the reason told
every such row to name a format such as ``%m/%d/%Y``, which reads none of a Chinese sheet's
dates (2024年3月5日, 2024/3/5 14:30) nor Excel's serial numbers (45356, a date column
exported unformatted). A date written year first, whose order is never in doubt, is told
the format that reads it; a number as Excel keeps a date is told the date it stands for
and how to export it; ``03/04/2026`` is still never guessed to be March or April."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.model.complaint import Complaint

COLUMNS = {"external_id": "id", "received_at": "at", "text": "text"}
ZONE = "Asia/Shanghai"
ADVISED = re.compile(r"-o (?:'date_format=([^']+)'|date_format=(\S+))")


def reason(tmp_path: Path, written: str) -> str:
    source = tmp_path / "rows.csv"
    source.write_text(f"id,at,text\n1,{written},漏水\n", encoding="utf-8")
    (letter,) = CsvChannel(COLUMNS, timezone=ZONE).read(str(source))
    assert isinstance(letter, Rejected)
    return letter.reason


def taken_with(tmp_path: Path, written: str, date_format: str) -> datetime:
    source = tmp_path / "rows.csv"
    source.write_text(f"id,at,text\n1,{written},漏水\n", encoding="utf-8")
    (complaint,) = CsvChannel(COLUMNS, timezone=ZONE, date_format=date_format).read(str(source))
    assert isinstance(complaint, Complaint)
    return complaint.received_at


@pytest.mark.parametrize(
    ("written", "advised", "meant"),
    [
        ("2024年3月5日", "%Y年%m月%d日", "2024-03-05T00:00:00+08:00"),
        ("2024年3月5日 14:30", "%Y年%m月%d日 %H:%M", "2024-03-05T14:30:00+08:00"),
        ("2024/3/5", "%Y/%m/%d", "2024-03-05T00:00:00+08:00"),
        ("2024.03.05 09:05:07", "%Y.%m.%d %H:%M:%S", "2024-03-05T09:05:07+08:00"),
    ],
)
def test_a_year_first_date_is_told_the_format_that_reads_it(
    tmp_path: Path, written: str, advised: str, meant: str
) -> None:
    found = ADVISED.search(reason(tmp_path, written))
    assert found is not None
    assert (found.group(1) or found.group(2)) == advised
    assert taken_with(tmp_path, written, advised).isoformat() == meant


@pytest.mark.parametrize(("written", "day"), [("45356", "2024-03-05"), ("45356.5", "2024-03-05")])
def test_an_excel_serial_number_is_told_the_date_it_stands_for(
    tmp_path: Path, written: str, day: str
) -> None:
    told = reason(tmp_path, written)
    assert "Excel" in told
    assert day in told
    assert "%m/%d/%Y" not in told


def test_a_date_whose_order_is_in_doubt_is_never_guessed(tmp_path: Path) -> None:
    told = reason(tmp_path, "03/04/2026")
    assert "-o date_format=%m/%d/%Y" in told  # an example only, as before


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    at=st.times(),
    form=st.sampled_from(["{Y}年{m}月{d}日", "{Y}年{m}月{d}日 {H}:{M}", "{Y}/{m}/{d} {H}:{M}:{S}"]),
)
def test_any_chinese_sheet_date_so_advised_reads_as_written(
    tmp_path: Path, day: date, at: time, form: str
) -> None:
    written = form.format(
        Y=day.year, m=day.month, d=day.day, H=at.hour, M=f"{at.minute:02}", S=f"{at.second:02}"
    )
    found = ADVISED.search(reason(tmp_path, written))
    assert found is not None
    read = taken_with(tmp_path, written, found.group(1) or found.group(2))
    shown = {"{H}": at.hour, "{M}": at.minute, "{S}": at.second}
    meant = [shown[n] if n in form else 0 for n in shown]
    assert (read.date(), [read.hour, read.minute, read.second]) == (day, meant)

"""A CSV date written year first with a zone or a half of the day after it was told a
format that read it wrong: ``2026-11-23T09:00:00 CST`` the format ``%Y-%m-%dT%H:%M:%S CST``,
which reads ``CST`` as text and the time in the sheet's zone (China's +08:00 or US Central's
-06:00, whichever the sheet meant, lost); ``2026/11/23 09:00 GMT+8`` one reading the 8 as
seconds (``GMT+%S``: 09:00:08, eight hours off); ``2024/3/5 下午 02:30`` (p.m.) one reading
02:30. ``dead-letters retry`` with that format took the rows in with clocks started hours
away from when the complaint came. Only a date and time written with numbers and the
separators dates are written with (``-``, ``/``, ``.``, ``年月日``, ``:``, ``T``) is told a
format; one naming more is told to write its UTC offset."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.model.complaint import Complaint

COLUMNS = {"external_id": "id", "received_at": "at", "text": "text"}
ZONE = "Asia/Shanghai"
ADVISED = re.compile(r"-o (?:'date_format=([^']+)'|date_format=(\S+))")
#: What each date means (None: a zone's name that means two offsets).
WRITTEN = [
    ("2026-11-23T09:00:00 CST", None),
    ("2026-11-23 09:00 UTC", datetime(2026, 11, 23, 9, tzinfo=UTC)),
    ("2026-11-23T09:00:00 PST", datetime(2026, 11, 23, 17, tzinfo=UTC)),
    ("2026/11/23 09:00 GMT+8", datetime(2026, 11, 23, 1, tzinfo=UTC)),
    ("2026-11-23 09:00 +8", datetime(2026, 11, 23, 1, tzinfo=UTC)),
    ("2026-11-23 09:00 -5", datetime(2026, 11, 23, 14, tzinfo=UTC)),
    ("2024/3/5 下午 02:30", datetime(2024, 3, 5, 6, 30, tzinfo=UTC)),
    ("2024/3/5 02:30 PM", datetime(2024, 3, 5, 6, 30, tzinfo=UTC)),
]


def _read(tmp_path: Path, written: str, date_format: str | None = None) -> object:
    source = tmp_path / "rows.csv"
    source.write_text(f"id,at,text\n1,{written},漏水\n", encoding="utf-8")
    (read,) = CsvChannel(COLUMNS, timezone=ZONE, date_format=date_format).read(str(source))
    return read


@pytest.mark.parametrize(("written", "meant"), WRITTEN)
def test_a_date_naming_a_zone_or_half_day_is_told_no_format_that_misreads_it(
    tmp_path: Path, written: str, meant: datetime | None
) -> None:
    letter = _read(tmp_path, written)
    assert isinstance(letter, Rejected)
    found = ADVISED.search(letter.reason)
    advised = None if found is None else found.group(1) or found.group(2)
    if advised is not None and advised != "%m/%d/%Y":  # the example every other date gets
        retried = _read(tmp_path, written, advised)
        assert meant is not None, advised
        assert isinstance(retried, Complaint), advised
        assert retried.received_at == meant, advised
    assert "offset" in letter.reason

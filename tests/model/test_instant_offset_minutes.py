"""An ISO 8601 offset's minutes are a minute of the hour: ``+08:60`` is refused, not read
as ``+09:00`` (Python's ``fromisoformat`` carries the 60 minutes into the hour), in every
record that gives its ``received_at`` so (JSON lines, HTTP, CSV rows in ISO 8601)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint
from complaintkit.model.instants import parse_instant


@pytest.mark.parametrize(
    "written", ["2026-11-23T09:30:00+08:60", "2026-11-23T09:30:00+0860", "2026-11-23T09:30-05:99"]
)
def test_an_offset_of_sixty_minutes_or_more_is_refused(written: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_instant(written, "received_at")
    assert refused.value.field == "received_at"
    assert written in refused.value.message


@given(
    hours=st.integers(0, 23),
    minutes=st.integers(0, 99),
    sign=st.sampled_from("+-"),
    colon=st.sampled_from(["", ":"]),
)
def test_an_offset_is_read_as_written_or_refused(
    hours: int, minutes: int, sign: str, colon: str
) -> None:
    written = f"2026-11-23T09:30:00{sign}{hours:02d}{colon}{minutes:02d}"
    if minutes > 59:
        with pytest.raises(InvalidInput):
            parse_instant(written, "received_at")
        return
    offset = timedelta(hours=hours, minutes=minutes) * (1 if sign == "+" else -1)
    assert parse_instant(written, "received_at") == datetime(
        2026, 11, 23, 9, 30, tzinfo=timezone(offset)
    )


@given(st.datetimes(timezones=st.timezones()))
def test_every_instant_written_is_read_back(moment: datetime) -> None:
    """What complaintkit stores (``isoformat``) is still read: offsets with seconds too."""
    if moment.utcoffset() is not None:
        read = parse_instant(moment.isoformat(), "at")
        assert read.utcoffset() == moment.utcoffset()
        assert read.replace(tzinfo=None) == moment.replace(tzinfo=None)


def test_a_csv_row_with_such_an_offset_is_a_dead_letter(tmp_path: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_text(
        "id,date,text\n1,2026-11-23T09:30+08:60,late\n2,2026-11-23T09:30+08:00,late\n",
        encoding="utf-8",
    )
    columns = {"external_id": "id", "received_at": "date", "text": "text"}
    items = list(CsvChannel(columns).read(str(source)))
    assert isinstance(items[0], Rejected)
    assert "+08:60" in items[0].reason
    assert isinstance(items[1], Complaint)

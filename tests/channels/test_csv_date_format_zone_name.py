"""``-o date_format`` with ``%Z`` (a zone's name, as ``UTC`` or ``CST``) read the name and
dropped it: Python's ``strptime`` gives no offset for ``%Z``, so ``2026-11-23 09:00 UTC``
was taken in as 09:00 in the sheet's zone (``-o timezone=Asia/Shanghai``: 01:00 UTC, eight
hours before it came), its clocks started then. Such a format is refused before a row is
read, saying to read an offset with ``%z`` or set the zone with ``-o timezone``; ``%z``
reads as before."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from complaintkit.channels.csvfile import CsvChannel
from complaintkit.errors import ConfigError
from complaintkit.model.complaint import Complaint

COLUMNS = {"external_id": "id", "received_at": "at", "text": "text"}


@pytest.mark.parametrize("date_format", ["%Y-%m-%d %H:%M %Z", "%Z %d/%m/%Y", "%Y%m%d%H%M%%%Z"])
def test_a_format_reading_a_zones_name_is_refused(date_format: str) -> None:
    with pytest.raises(ConfigError) as refused:
        CsvChannel(COLUMNS, timezone="Asia/Shanghai", date_format=date_format)
    assert "%Z" in str(refused.value)
    assert "%z" in str(refused.value)


def test_an_offset_is_read_with_percent_z(tmp_path: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_text("id,at,text\n1,2026-11-23 09:00 +0000,late\n", encoding="utf-8")
    channel = CsvChannel(COLUMNS, timezone="Asia/Shanghai", date_format="%Y-%m-%d %H:%M %z")
    (complaint,) = channel.read(str(source))
    assert isinstance(complaint, Complaint)
    assert complaint.received_at == datetime(2026, 11, 23, 9, tzinfo=UTC)


def test_a_literal_percent_before_z_is_no_zone() -> None:
    CsvChannel(COLUMNS, date_format="%Y-%m-%d %%Z")  # the text '%Z', as strptime reads it

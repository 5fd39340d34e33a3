"""The UTF-8 row after a UTF-16 or UTF-32 little-endian row is read, not lost.

A wide little-endian line end writes its line feed before a NUL (``0A 00`` in UTF-16-LE),
so read as UTF-8 the NUL was the first character of the next line: the good UTF-8 row after
a wide one was refused for the NUL in its first field, a row lost for its neighbour's
encoding. The NULs a wide line end leaves at the start of a line are its own; the wide rows
are still refused, each naming its encoding.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.model.complaint import Complaint

COLUMNS = {"external_id": "id", "received_at": "time", "text": "text"}


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("end", ["\r\n", "\n"])
def test_the_utf8_rows_around_a_wide_row_are_taken_in(tmp_path: Path, codec: str, end: str) -> None:
    wide = f"T-1,2026-10-08 09:00,送餐太慢了{end}".encode(codec)
    source = tmp_path / "joined.csv"
    source.write_bytes(
        b"id,time,text\r\nT-0,2026-10-08 08:00,ok\r\n"
        + wide
        + "T-2,2026-10-08 10:00,汤洒了\r\nT-3,2026-10-08 11:00,cold\r\n".encode()
    )
    items = list(CsvChannel(COLUMNS).read(str(source)))
    taken = {item.external_id: item.text for item in items if isinstance(item, Complaint)}
    assert taken == {"T-0": "ok", "T-2": "汤洒了", "T-3": "cold"}
    refused = [item for item in items if isinstance(item, Rejected)]
    assert refused
    assert all("UTF-16 or UTF-32" in r.reason or codec in r.reason for r in refused), refused


def test_a_nul_starting_a_row_after_plain_rows_is_still_refused(tmp_path: Path) -> None:
    """Only a line after one holding NULs loses the NULs it starts with."""
    source = tmp_path / "nul.csv"
    source.write_bytes(b"id,time,text\r\nT-0,2026-10-08 08:00,ok\r\n\x00T-2,2026-10-08 10:00,x\r\n")
    items = list(CsvChannel(COLUMNS).read(str(source)))
    assert isinstance(items[0], Complaint)
    assert isinstance(items[1], Rejected)

"""The same file taken in twice, whatever it holds: the first run turns every record into a
case or a dead letter, and the second opens no case and keeps no letter more. A file that
is no text for the channel (a ZIP's first bytes, wide text without a byte order mark) is
refused whole, both times, keeping nothing."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from complaintkit.channels import take_in
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.intake import IntakeSummary
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.desk import Desk
from complaintkit.errors import ConfigError
from complaintkit.testing.poison import POISON_LINES, good_line

LINES = st.integers(0, 30).map(good_line) | st.sampled_from(sorted(POISON_LINES.values()))
JUNK = st.binary(max_size=30).map(lambda b: b.replace(b"\n", b" "))


def _twice(channel: Any, content: bytes, name: str) -> tuple[int, int] | None:
    """Records the first run read, and the cases and letters after both runs agree. Each
    record is taken in at its place, as ``complaintkit intake`` takes it: without one, two
    equal rows the Desk refuses (a key reused with other text, twice) are one letter.
    None when the channel refuses the file whole."""
    desk = Desk(storage="memory:")

    def run(path: Path) -> IntakeSummary:
        read = iter(channel.read(str(path)))
        return take_in(
            desk,
            "fuzz",
            read,
            locate=lambda: getattr(channel, "location", None),
            bytes_read=lambda: getattr(channel, "raw", None),
        )

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        try:
            first = run(path)
        except ConfigError:
            with pytest.raises(ConfigError):
                run(path)
            assert not list(desk.storage.case_ids())
            assert not desk.storage.dead_letters()
            return None
        cases, letters = len(list(desk.storage.case_ids())), len(desk.storage.dead_letters())
        assert first.opened == cases
        assert len(first.rejected) == letters
        second = run(path)
    assert second.opened == 0
    assert second.already_known == first.already_known + first.opened
    assert len(list(desk.storage.case_ids())) == cases
    assert len(desk.storage.dead_letters()) == letters
    return first.opened + first.already_known + len(first.rejected), letters


@settings(max_examples=40, deadline=None)
@given(st.lists(LINES | JUNK, min_size=1, max_size=8))
@example([b"PK\x03\x04"])  # a ZIP (an .xlsx) is refused whole
@example([b"\x000"])  # so is UTF-16 without a byte order mark
def test_jsonl_twice_is_idempotent(lines: list[bytes]) -> None:
    taken = _twice(JsonLinesChannel(), b"\n".join(lines) + b"\n", "in.jsonl")
    if taken is None:
        return
    records, _ = taken
    # a line that is whitespace as text (a form feed, U+2028 too) is blank, and skipped
    assert records == sum(1 for line in lines if line.decode(errors="surrogateescape").strip())


CELLS = st.sampled_from(["1", "2", "x", '"', '"a"b', "2026-11-23", "", "好", "a,b", '"q""q"'])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(CELLS, CELLS, CELLS), min_size=1, max_size=8))
@example([("1", "2026-11-23", "x"), ("1", "2026-11-23", "2"), ("1", "2026-11-23", "2")])
def test_csv_twice_is_idempotent(rows: list[tuple[str, str, str]]) -> None:
    body = "id,date,text\n" + "".join(",".join(row) + "\n" for row in rows)
    columns = {"external_id": "id", "received_at": "date", "text": "text"}
    _twice(CsvChannel(columns), body.encode(), "rows.csv")

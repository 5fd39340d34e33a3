"""JSON lines end at LF (CRLF too); a carriage return alone is JSON whitespace, not a line
end (RFC 8259, jsonlines.org). Read as one, a record with a CR between its tokens was
refused as two broken lines, a stray CR inside a line made two dead letters of one record,
and every line after it was named by a number ``grep -n`` and editors do not show."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels import Rejected, take_in
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.desk import Desk
from complaintkit.model.complaint import Complaint
from complaintkit.testing.poison import good_line


def _read(content: bytes) -> list[Complaint | Rejected]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.jsonl"
        path.write_bytes(content)
        return list(JsonLinesChannel().read(str(path)))


def test_a_carriage_return_between_tokens_is_whitespace() -> None:
    line = good_line(1).replace(b', "', b',\r"', 1)
    [item] = _read(line + b"\n")
    assert isinstance(item, Complaint)
    assert item.external_id == "G-1"


def test_a_stray_carriage_return_costs_its_line_alone_and_numbers_stay_true() -> None:
    broken = good_line(1).replace(b'"text": "', b'"text": "cut\r', 1)
    items = _read(broken + b"\n" + good_line(2) + b"\n{\n")
    assert isinstance(items[0], Rejected)
    assert items[0].source == "in.jsonl:1"
    assert items[0].raw == broken
    assert isinstance(items[1], Complaint)
    assert isinstance(items[2], Rejected)
    assert items[2].source == "in.jsonl:3"


def test_crlf_lines_are_read_without_their_carriage_return() -> None:
    items = _read(good_line(1) + b"\r\n" + b"{\r\n" + good_line(2) + b"\r\n")
    assert [type(i) for i in items] == [Complaint, Rejected, Complaint]
    assert isinstance(items[1], Rejected)
    assert items[1].raw == b"{"
    assert items[1].source == "in.jsonl:2"


@given(st.lists(st.tuples(st.integers(0, 3), st.booleans()), min_size=1, max_size=6))
def test_each_line_is_one_record_whatever_carriage_returns_it_holds(
    lines: list[tuple[int, bool]],
) -> None:
    """Records in = cases + dead letters, a line with CRs between its tokens is a case, and
    each dead letter is named by its LF-counted line."""
    content, broken = [], []
    for number, (returns, breaks) in enumerate(lines, start=1):
        line = good_line(number).replace(b", ", b"," + b"\r" * returns + b" ")
        if breaks:
            line, _ = line.rsplit(b"}", 1)  # no longer JSON
            broken.append(f"in.jsonl:{number}")
        content.append(line)
    items = _read(b"\n".join(content) + b"\n")
    desk = Desk(storage="memory:")
    summary = take_in(desk, "fuzz", items)
    assert summary.opened + len(summary.rejected) == len(lines)
    assert sorted(i.source for i in items if isinstance(i, Rejected)) == sorted(broken)

"""Excel starts each CSV export with a byte order mark, so exports joined with `cat` hold
their header again behind a mark: that row is still the header of the rows after it, not a
record refused (for a date that reads `at`) as a dead letter no retry can mend."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.model.complaint import Complaint

COLUMNS = {"external_id": "id", "received_at": "at", "text": "text"}
MARK = b"\xef\xbb\xbf"
ORDERS = st.permutations(["id", "at", "text"])


def export(order: list[str], rows: list[tuple[str, str]]) -> bytes:
    lines = [",".join(order)]
    for external_id, text in rows:
        cells = {"id": external_id, "at": "2026-11-02", "text": text}
        lines.append(",".join(cells[name] for name in order))
    return MARK + "\r\n".join(lines).encode() + b"\r\n"


@settings(deadline=None, max_examples=30)
@given(orders=st.lists(ORDERS, min_size=2, max_size=4))
def test_exports_joined_with_their_marks_are_read_whole(
    tmp_path_factory: pytest.TempPathFactory, orders: list[list[str]]
) -> None:
    folder = tmp_path_factory.mktemp("joined")
    joined = b"".join(export(order, [(f"{n}", f"text {n}")]) for n, order in enumerate(orders))
    (folder / "joined.csv").write_bytes(joined)
    items = list(CsvChannel(COLUMNS).read(str(folder / "joined.csv")))
    assert [i.reason for i in items if isinstance(i, Rejected)] == []
    assert [(i.external_id, i.text) for i in items if isinstance(i, Complaint)] == [
        (f"{n}", f"text {n}") for n in range(len(orders))
    ]

"""GBK exports joined with `cat`, each written with UTF-8's byte order mark before it (one
tool wrote the mark, another the text): read with ``-o encoding=gbk``, the mark of the
second was read as GBK characters taking the first letter of its header with them
(``锘縯ext``), so that header was no header; its columns were read by the first header's
names, in the first file's order, and a row ``没有收到,2026-11-02,3`` was stored as the
complaint ``没有收到`` whose text was ``3``. The mark is no text: the header behind it is the
header of the rows after it, in every GB encoding, as in UTF-8
(test_csv_joined_marked_exports)."""

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
TEXTS = ["外卖送晚了", "饭菜都凉了", "没有收到", "退款还没处理"]


def export(order: list[str], rows: list[tuple[str, str]], encoding: str, sep: str = "") -> bytes:
    lines = [sep, ",".join(order)] if sep else [",".join(order)]
    for external_id, text in rows:
        cells = {"id": external_id, "at": "2026-11-02", "text": text}
        lines.append(",".join(cells[name] for name in order))
    return MARK + "\r\n".join(lines).encode(encoding) + b"\r\n"


@settings(deadline=None, max_examples=30)
@given(
    orders=st.lists(ORDERS, min_size=2, max_size=4),
    encoding=st.sampled_from(["gbk", "gb18030", "gb2312"]),
)
def test_gbk_exports_joined_with_their_marks_are_read_whole(
    tmp_path_factory: pytest.TempPathFactory, orders: list[list[str]], encoding: str
) -> None:
    folder = tmp_path_factory.mktemp("joined")
    rows = [(f"{n}", TEXTS[n]) for n in range(len(orders))]
    joined = b"".join(
        export(order, [row], encoding) for order, row in zip(orders, rows, strict=True)
    )
    (folder / "joined.csv").write_bytes(joined)
    items = list(CsvChannel(COLUMNS, encoding=encoding).read(str(folder / "joined.csv")))
    assert [i.reason for i in items if isinstance(i, Rejected)] == []
    assert [(i.external_id, i.text) for i in items if isinstance(i, Complaint)] == rows


def test_a_marked_sep_line_inside_a_gbk_file_is_no_record(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    folder = tmp_path_factory.mktemp("joined")
    first = export(["id", "at", "text"], [("1", TEXTS[0])], "gbk", sep="sep=,")
    second = export(["text", "at", "id"], [("2", TEXTS[1])], "gbk", sep="sep=,")
    (folder / "joined.csv").write_bytes(first + second)
    items = list(CsvChannel(COLUMNS, encoding="gbk").read(str(folder / "joined.csv")))
    assert [(i.external_id, i.text) for i in items if isinstance(i, Complaint)] == [
        ("1", TEXTS[0]),
        ("2", TEXTS[1]),
    ]
    assert [i for i in items if isinstance(i, Rejected)] == []


def test_a_retried_letter_after_a_marked_header_is_read_whole(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    folder = tmp_path_factory.mktemp("joined")
    first = export(["id", "at", "text"], [("1", TEXTS[0])], "gbk")
    second = export(["text", "at", "id"], [("2", "")], "gbk")  # a blank text: refused
    (folder / "joined.csv").write_bytes(first + second)
    (letter,) = (
        i
        for i in CsvChannel(COLUMNS, encoding="gbk").read(str(folder / "joined.csv"))
        if isinstance(i, Rejected)
    )
    assert letter.reason.startswith("text:")
    assert letter.raw.startswith(b"text,at,id\r\n")

"""Excel exports that name their delimiter on a first line ``sep=;`` (so a European or
Chinese locale's Excel opens them right), joined with `cat`: the second export's ``sep=;``
line, mid-file, was read as a row and dead-lettered as 'the row has 2 fields …, a line
break outside quotes, or a row written in part' — a letter no retry can mend, and exit
code 3 for a file whose every record was taken in. A ``sep=`` line naming the file's
delimiter, behind a byte order mark too, is no record; one naming another is refused
saying so."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.model.complaint import Complaint

COLUMNS = {"external_id": "id", "received_at": "date", "text": "text"}
MARK = "\ufeff"


def export(number: int, delimiter: str = ";", mark: str = "") -> str:
    rows = [["id", "date", "text"], [f"E-{number}", "2026-11-23", f"第{number}份导出的投诉"]]
    return mark + f"sep={delimiter}\r\n" + "".join(delimiter.join(r) + "\r\n" for r in rows)


def read(tmp_path: Path, text: str, encoding: str = "utf-8") -> list[Complaint | Rejected]:
    path = tmp_path / "joined.csv"
    path.write_bytes(text.encode(encoding))
    return list(CsvChannel(COLUMNS, encoding=encoding).read(str(path)))


@pytest.mark.parametrize("mark", ["", MARK], ids=["bare", "behind a mark"])
@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16"])
def test_exports_joined_with_their_sep_lines_are_read_whole(
    tmp_path: Path, mark: str, encoding: str
) -> None:
    items = read(tmp_path, export(1) + export(2, mark=mark) + export(3, mark=mark), encoding)
    assert [type(i) for i in items] == [Complaint] * 3, items
    assert [i.external_id for i in items if isinstance(i, Complaint)] == ["E-1", "E-2", "E-3"]


def test_a_sep_line_naming_another_delimiter_is_refused_saying_so(tmp_path: Path) -> None:
    items = read(tmp_path, export(1) + export(2, delimiter=","))
    assert isinstance(items[0], Complaint)
    refused = items[1]
    assert isinstance(refused, Rejected)
    assert refused.source == "joined.csv:4"
    assert "sep=," in refused.reason
    assert "';'" in refused.reason

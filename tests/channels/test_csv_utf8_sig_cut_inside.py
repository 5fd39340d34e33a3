"""A row of a file read as ``utf-8-sig`` (UTF-8 behind Excel's byte order mark) with a
character cut short inside it, a byte of it lost, was refused as "not valid utf-8-sig"
alone, where the same row read as ``utf-8`` is told it is UTF-8 with a character cut
short: the check compared the codec's name with ``utf-8`` only. A row read as either is
now told the same."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel

COLUMNS = {"external_id": "id", "received_at": "at", "text": "text"}
HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)


def _reasons(path: Path, text: bytes, encoding: str, mark: bytes) -> list[str]:
    path.write_bytes(
        mark
        + b"id,at,text\n1,2026-11-02 09:00,ok\n2,2026-11-02 09:00,"
        + text
        + b"\n3,2026-11-02 09:00,ok\n"
    )
    read = list(CsvChannel(COLUMNS, encoding=encoding).read(str(path)))
    assert len(read) == 3
    return [item.reason for item in read if isinstance(item, Rejected)]


@pytest.mark.parametrize("mark", [b"", codecs.BOM_UTF8], ids=["unmarked", "marked"])
@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf_8_sig", "UTF-8-SIG"])
def test_a_utf8_sig_row_cut_inside_a_character_is_said_cut_short(
    tmp_path: Path, encoding: str, mark: bytes
) -> None:
    text = "外卖送得太慢了漏水请处理退款".encode()
    (reason,) = _reasons(tmp_path / "cut.csv", text[:8] + text[9:], encoding, mark)
    assert reason.startswith(f"row is not valid {encoding} (character 21 of the row)")
    assert "cut short" in reason
    assert "-o encoding" not in reason


@settings(max_examples=30, deadline=None)
@given(st.text(HAN, min_size=6, max_size=20), st.data())
def test_utf8_sig_and_utf8_say_the_same_of_a_cut_row(
    tmp_path_factory: pytest.TempPathFactory, han: str, data: st.DataObject
) -> None:
    cut = 3 * data.draw(st.integers(0, len(han) - 1)) + 2  # each character's last byte
    text = han.encode()[:cut] + han.encode()[cut + 1 :]
    folder = tmp_path_factory.mktemp("cut")
    plain = _reasons(folder / "plain.csv", text, "utf-8", b"")
    marked = _reasons(folder / "marked.csv", text, "utf-8-sig", codecs.BOM_UTF8)
    assert [reason.replace("utf-8-sig", "utf-8") for reason in marked] == plain

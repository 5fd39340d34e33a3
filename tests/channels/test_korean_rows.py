"""Korean in EUC-KR where a record's charset is checked: a CSV row in a UTF-8 file, one in a
file read as GBK (`-o encoding=gbk`), a JSON line, an HTTP body labelled ``gbk``.

EUC-KR's Hangul reads whole as GB18030's commonest Chinese characters, so a Korean row
in a UTF-8 file was advised ``-o encoding=gb18030``, whose retry took it in as 硅价捞 呈公
词菌绢夸, and one in a file read as GBK was taken in so at once. It is advised ``cp949``
(Windows' EUC-KR) instead; Chinese rows read as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.http_body import misread_advice
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint
from complaintkit.model.jsonvalues import parse_json

KOREAN = "배송이 너무 늦었어요. 환불해 주세요."
CHINESE = "很快 很好 很好吃 不错 下次还点"
COLUMNS = {"external_id": "id", "received_at": "at", "text": "text"}


def read(tmp_path: Path, text: str, written_in: str, encoding: str = "utf-8") -> list[object]:
    source = tmp_path / "rows.csv"
    source.write_bytes(b"id,at,text\n" + f"1,2026-11-02 10:00,{text}\n".encode(written_in))
    return list(CsvChannel(COLUMNS, timezone="Asia/Seoul", encoding=encoding).read(str(source)))


def test_a_korean_row_in_a_utf8_file_is_advised_cp949(tmp_path: Path) -> None:
    (letter,) = read(tmp_path, KOREAN, "euc_kr")
    assert isinstance(letter, Rejected)
    assert "-o encoding=cp949" in letter.reason
    assert "gb18030" not in letter.reason


@pytest.mark.parametrize("encoding", ["gbk", "gb2312", "gb18030"])
def test_a_korean_row_in_a_file_read_as_gbk_is_refused_advising_cp949(
    tmp_path: Path, encoding: str
) -> None:
    (letter,) = read(tmp_path, KOREAN, "euc_kr", encoding=encoding)
    assert isinstance(letter, Rejected)
    assert "-o encoding=cp949" in letter.reason


def test_the_advised_encoding_reads_the_row_as_written(tmp_path: Path) -> None:
    (complaint,) = read(tmp_path, KOREAN, "euc_kr", encoding="cp949")
    assert isinstance(complaint, Complaint)
    assert complaint.text == KOREAN


def test_a_chinese_row_with_spaces_in_a_gbk_file_is_still_read(tmp_path: Path) -> None:
    (complaint,) = read(tmp_path, CHINESE, "gbk", encoding="gbk")
    assert isinstance(complaint, Complaint)
    assert complaint.text == CHINESE


def test_a_korean_json_line_is_told_cp949() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_json(f'{{"text": "{KOREAN}"}}'.encode("euc_kr"))
    assert "CP949" in str(refused.value)
    assert "GB18030" not in str(refused.value)


def test_a_korean_http_body_labelled_gbk_is_told_cp949() -> None:
    assert "cp949" in misread_advice(f'{{"text": "{KOREAN}"}}'.encode("euc_kr"), "gbk")

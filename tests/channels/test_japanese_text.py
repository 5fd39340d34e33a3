"""Japanese text in Shift-JIS is never taken, nor advised to be read, as Chinese.

Shift-JIS bytes nearly always decode as GB18030 as well, into Chinese characters no one
writes together; read so, a Japanese complaint would be stored as mojibake."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint
from complaintkit.model.japanese_text import japanese
from complaintkit.model.jsonvalues import parse_json
from complaintkit.model.readable_as import readable_as

JAPANESE = "配達が遅れて商品が壊れていました。返金をお願いします。"
CHINESE = "外卖送到已经凉了\uff0c客服也不理人\uff0c要求退款"
COLUMNS = {"external_id": "id", "received_at": "at", "text": "text"}
HEAD = (
    b"From: Taro <taro@example.jp>\nMessage-ID: <m1@example.jp>\n"
    b"Date: Mon, 23 Nov 2026 09:00:00 +0900\n"
)


def _part(charset: str, body: bytes, subject: bytes = b"x") -> bytes:
    return (
        HEAD
        + b"Subject: "
        + subject
        + f"\nContent-Type: text/plain; charset={charset}\n".encode()
        + b"Content-Transfer-Encoding: 8bit\n\n"
        + body
    )


def test_shift_jis_reads_as_japanese_and_gbk_does_not() -> None:
    assert japanese(JAPANESE.encode("cp932")) == JAPANESE
    assert japanese(CHINESE.encode("gbk")) is None
    assert japanese(JAPANESE.encode()) is None  # UTF-8 is no Shift-JIS


def test_a_shift_jis_row_in_a_utf8_file_is_advised_as_cp932(tmp_path: Path) -> None:
    source = tmp_path / "jp.csv"
    source.write_bytes(b"id,at,text\n" + f"1,2026-11-02 10:00,{JAPANESE}\n".encode("cp932"))
    (letter,) = list(CsvChannel(COLUMNS, timezone="Asia/Tokyo").read(str(source)))
    assert isinstance(letter, Rejected)
    assert "-o encoding=cp932" in letter.reason
    assert "gb18030" not in letter.reason


def test_a_shift_jis_file_read_with_its_encoding_is_exact(tmp_path: Path) -> None:
    source = tmp_path / "jp.csv"
    source.write_bytes(
        b"id,at,text\n"
        + f"1,2026-11-02 10:00,{JAPANESE}\n2,2026-11-02 11:00,\u8868\n".encode("shift_jis")
    )
    items = list(CsvChannel(COLUMNS, encoding="shift_jis").read(str(source)))
    texts = [c.text if isinstance(c, Complaint) else c.reason for c in items]
    assert texts == [JAPANESE, "\u8868"]  # 表 ends in 0x5C, a backslash in ASCII


def test_a_shift_jis_json_line_is_told_cp932() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_json(f'{{"text": "{JAPANESE}"}}'.encode("cp932"))
    assert "CP932" in str(refused.value)
    assert "GB18030" not in str(refused.value)


@pytest.mark.parametrize("label", ["gb2312", "gbk", "GB18030"])
def test_shift_jis_labelled_chinese_is_a_wrong_label(label: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(_part(label, JAPANESE.encode("shift_jis")))
    assert refused.value.field == "part 0 (text/plain)"
    assert "cp932" in refused.value.message


@pytest.mark.parametrize("label", ["unknown-8bit", None])
def test_unlabelled_shift_jis_is_read_as_japanese(label: str | None) -> None:
    raw = (
        _part(label, JAPANESE.encode("cp932"))
        if label
        else HEAD + b"Subject: x\n\n" + JAPANESE.encode("cp932")
    )
    assert parse_mail(raw).text == JAPANESE


def test_a_raw_shift_jis_subject_is_read_as_japanese() -> None:
    raw = HEAD + b"Subject: " + JAPANESE.encode("cp932") + b"\n\nhello"
    assert parse_mail(raw).subject == JAPANESE


def test_chinese_mail_unlabelled_is_still_read_as_chinese() -> None:
    raw = HEAD + b"Subject: " + CHINESE.encode("gbk") + b"\n\n" + CHINESE.encode("gbk")
    complaint = parse_mail(raw)
    assert (complaint.subject, complaint.text) == (CHINESE, CHINESE)


@pytest.mark.parametrize("label", [None, "us-ascii"])
def test_iso_2022_jp_body_without_its_label_is_read_as_japanese(label: str | None) -> None:
    body = JAPANESE.encode("iso2022_jp")
    raw = _part(label, body) if label else HEAD + b"Subject: x\n\n" + body
    assert parse_mail(raw).text == JAPANESE


def test_a_raw_iso_2022_jp_subject_is_read_as_japanese() -> None:
    raw = HEAD + b"Subject: " + JAPANESE.encode("iso2022_jp") + b"\n\nhello"
    assert parse_mail(raw).subject == JAPANESE


def test_labelled_iso_2022_jp_and_encoded_words_stay_exact() -> None:
    word = base64.b64encode(JAPANESE.encode("iso2022_jp"))
    raw = _part("iso-2022-jp", JAPANESE.encode("iso2022_jp"), b"=?ISO-2022-JP?B?" + word + b"?=")
    complaint = parse_mail(raw)
    assert (complaint.subject, complaint.text) == (JAPANESE, JAPANESE)


kana = st.text(st.characters(min_codepoint=0x3041, max_codepoint=0x30F6), min_size=3)


@given(kana)
def test_kana_in_shift_jis_is_never_advised_as_gb18030(text: str) -> None:
    try:
        raw = text.encode("cp932")
    except UnicodeEncodeError:
        return
    assert readable_as(raw, "utf-8") != "gb18030"


@pytest.mark.parametrize("label", ["utf-8", "gb2312", "iso-8859-1", "shift_jis"])
def test_iso_2022_jp_under_another_label_is_read_as_japanese(label: str) -> None:
    """Its escape sequences name it whatever the label says: no other text holds them."""
    assert parse_mail(_part(label, JAPANESE.encode("iso2022_jp"))).text == JAPANESE


def test_unlabelled_shift_jis_without_kana_is_refused_not_read_as_chinese() -> None:
    """Kanji alone do not tell Japanese from Chinese bytes; read as GB18030 they are
    characters no one writes together, so the message is refused, naming the part."""
    kanji = "\u5916\u9001\u54e1\u614b\u5ea6\u5f88\u5dee"
    with pytest.raises(InvalidInput) as refused:
        parse_mail(HEAD + b"Subject: x\n\n" + kanji.encode("cp932"))
    assert refused.value.field == "part 0 (text/plain)"

"""Chinese, Korean or Russian text read with Western Europe's one-byte charsets
(ISO-8859-1, Windows-1252, ISO-8859-15), which read every byte, was taken in as mojibake
without a word: a GBK export read with ``-o encoding=cp1252`` (the usual guess for a CSV
from Excel) stored 外卖送得太慢了 as ÍâÂôËÍµÃÌ«ÂýÁË, and so did a mail part, an HTTP body or a
form field labelled ``iso-8859-1``, as a program set to Western Europe labels whatever it
sends. Such text is runs of bytes beyond ASCII, where Western text has its accented letters
among ASCII ones: a row is a dead letter advising the charset it is in, a part or body is
refused naming it, a raw subject is read as unlabelled text is; Western text is read under
its label as before."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from chinese_csv import COLUMNS, SIMPLIFIED, TRADITIONAL, WAIMAI, export, misread
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.api.form_fields import read_fields
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.http_body import body_in_utf8
from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint
from western_text import LANGUAGES

GUESSES = ["latin-1", "cp1252", "iso-8859-15"]
KOREAN = ["배송이 너무 늦어요, 환불해주세요", "질문이 있습니다"]
RUSSIAN = ["Утюг пришел сломан, верните деньги", "Утюг сломан", "Плохо"]
#: Each text, the charset it is written in, the charset it is advised as.
WRITTEN = [
    *((text, "gb18030", "gb18030") for text in SIMPLIFIED),
    *((text, "big5", "big5hkscs") for text in TRADITIONAL),
    *((text, "cp949", "cp949") for text in KOREAN),
    *((text, charset, charset) for text in RUSSIAN for charset in ("cp1251", "koi8-r")),
]
WESTERN = [text for texts in LANGUAGES.values() for text in texts]


@pytest.mark.parametrize("guess", GUESSES)
@pytest.mark.parametrize(("text", "written_in", "advised"), WRITTEN)
def test_a_row_read_with_a_western_charset_is_advised_its_own(
    tmp_path: Path, text: str, written_in: str, advised: str, guess: str
) -> None:
    assert misread(tmp_path, [text], written_in, guess) == ([advised], [text])


@pytest.mark.parametrize("guess", GUESSES)
def test_western_rows_are_taken_in(tmp_path: Path, guess: str) -> None:
    path = tmp_path / "rows.csv"
    texts = [text for text in WESTERN if _written_in(text, guess)]
    export(path, texts, guess)
    read = list(CsvChannel(COLUMNS, encoding=guess).read(str(path)))
    assert [c.text if isinstance(c, Complaint) else c for c in read] == texts


@pytest.mark.skipif(not WAIMAI.exists(), reason="needs shared/data/zh")
def test_no_chinese_review_is_taken_in_as_western_text(tmp_path: Path) -> None:
    import csv  # noqa: PLC0415

    with WAIMAI.open(encoding="utf-8") as rows:
        reviews = [row[1] for row in list(csv.reader(rows))[1:] if not row[1].isascii()]
    written = [text for text in reviews if _written_in(text, "gb2312")][:3000]
    path = tmp_path / "rows.csv"
    export(path, written, "gb18030")
    taken = [
        c.text
        for c in CsvChannel(COLUMNS, encoding="cp1252").read(str(path))
        if isinstance(c, Complaint)
    ]
    # a few words set apart by ASCII commas (快,香,赞) show no run: at most a handful
    assert len(taken) <= len(written) // 1000, taken


def _mail(body: bytes, label: str, subject: bytes = b"order 1234") -> bytes:
    return (
        b"From: Li <li@example.cn>\r\nSubject: "
        + subject
        + b"\r\nDate: Mon, 23 Nov 2026 10:00:00 +0800\r\nMessage-ID: <m1@example.cn>\r\n"
        + f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset={label}\r\n".encode()
        + b"Content-Transfer-Encoding: 8bit\r\n\r\n"
        + body
        + b"\r\n"
    )


@pytest.mark.parametrize("label", ["iso-8859-1", "windows-1252"])
@pytest.mark.parametrize(
    ("text", "written_in", "advised"), [w for w in WRITTEN if w[1] not in ("cp1251", "koi8-r")]
)
def test_a_part_labelled_western_is_refused_naming_its_charset(
    text: str, written_in: str, advised: str, label: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(_mail(text.encode(written_in), label))
    assert refused.value.field == "part 0 (text/plain)"
    assert f"it reads as {advised}" in refused.value.message


@pytest.mark.parametrize("label", ["iso-8859-1", "windows-1252"])
def test_a_raw_chinese_subject_under_a_western_label_is_read_as_unlabelled(label: str) -> None:
    subject = SIMPLIFIED[0]
    complaint = parse_mail(_mail(b"see the subject", label, subject.encode("gb18030")))
    assert complaint.subject == subject


def test_an_encoded_word_labelled_western_is_refused_naming_the_header() -> None:
    word = base64.b64encode(SIMPLIFIED[0].encode("gb18030")).decode()
    with pytest.raises(InvalidInput) as refused:
        parse_mail(_mail(b"see the subject", "utf-8", f"=?iso-8859-1?B?{word}?=".encode()))
    assert refused.value.field == "Subject"
    assert "gb18030" in refused.value.message


@pytest.mark.parametrize("label", ["iso-8859-1", "windows-1252"])
@given(text=st.sampled_from(WESTERN))
def test_western_text_under_its_label_is_read(label: str, text: str) -> None:
    if _written_in(text, label):
        assert parse_mail(_mail(text.encode(label), label)).text == text


def test_an_http_body_declared_latin_1_is_refused_naming_its_charset() -> None:
    body = ('{"text": "' + SIMPLIFIED[0] + '"}').encode("gb18030")
    with pytest.raises(InvalidInput) as refused:
        body_in_utf8(body, "iso-8859-1")
    assert refused.value.field == "charset"
    assert "it reads as gb18030" in refused.value.message


def test_a_form_field_labelled_latin_1_is_not_read_whole() -> None:
    body = (
        b'--b\r\nContent-Disposition: form-data; name="text"\r\n'
        b"Content-Type: text/plain; charset=iso-8859-1\r\n\r\n"
        + SIMPLIFIED[0].encode("gb18030")
        + b"\r\n--b--\r\n"
    )
    unread: list[str] = []
    read_fields(body, "multipart/form-data; boundary=b", {"text"}, unread)
    assert unread == ["text"]


def _written_in(text: str, charset: str) -> bool:
    try:
        text.encode(charset)
    except UnicodeEncodeError:
        return False
    return True

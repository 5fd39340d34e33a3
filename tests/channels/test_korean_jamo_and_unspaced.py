"""Korean in EUC-KR, unlabelled, that is not spaced into words of common syllables: jamo
alone (ㅋㅋㅋ, ㅠㅠ), jamo among Hangul, or a few words written together (환불해주세요).

EUC-KR's jamo are GB2312's (and EUC-JP's) hiragana, its Hangul GB2312's commonest Chinese
characters: ㅋㅋㅋ was stored as せせせ, 환불해주세요 as 券阂秦林技夸, and Hangul with ㅠㅠㅠ
after it as EUC-JP mojibake. A run of ㅋ, ㅎ, ㅠ or ㅜ is Korean's alone (no Chinese text
holds せせ or ばば), and Hangul written together is Korean when most of it is the syllables
Korean is written in most (never more than two fifths of a Chinese review so read)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.api.form_fields import read_form
from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.mail_charsets import guessed_text
from complaintkit.channels.mail_message import parse_mail
from complaintkit.model.korean_text import korean

KOREAN = [
    "ㅋㅋㅋ",
    "ㅠㅠ",
    "ㅋㅋㅋㅋ ㅎㅎ",
    "배송이 너무 늦었어요 ㅠㅠ",
    "음식이 다 식었어요ㅠㅠㅠ",
    "ㅋㅋㅋ 진짜 최악",
    "ㅎㅎ 감사합니다",
    "환불해주세요",
    "배송이너무늦었어요",
    "최악이에요",
    "주문취소해주세요",
]
REVIEWS = Path(__file__).parents[3] / "shared" / "data" / "zh" / "waimai_10k.csv"
COLUMNS = {"external_id": "id", "received_at": "at", "text": "text"}


def mail(body: bytes) -> bytes:
    return (
        b"From: Kim <kim@example.kr>\r\nSubject: x\r\n"
        b"Date: Mon, 23 Nov 2026 10:00:00 +0900\r\nMessage-ID: <k2@example.kr>\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/plain\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n" + body + b"\r\n"
    )


@pytest.mark.parametrize("text", KOREAN)
def test_an_unlabelled_part_reads_as_korean(text: str) -> None:
    assert parse_mail(mail(text.encode("euc_kr"))).text == text


@pytest.mark.parametrize("text", KOREAN)
def test_an_unlabelled_form_field_reads_as_korean(text: str) -> None:
    body = (
        b'--b\r\nContent-Disposition: form-data; name="text"\r\n\r\n'
        + text.encode("euc_kr")
        + b"\r\n--b--\r\n"
    )
    assert read_form(body, "multipart/form-data; boundary=b", {"text"}) == {"text": text}


@pytest.mark.parametrize("text", ["배송이너무늦었어요 ㅠㅠ", "환불해주세요"])
def test_a_row_in_a_utf8_file_is_advised_cp949(tmp_path: Path, text: str) -> None:
    source = tmp_path / "rows.csv"
    source.write_bytes(b"id,at,text\n1,2026-11-02 10:00," + text.encode("euc_kr") + b"\n")
    (letter,) = CsvChannel(COLUMNS, timezone="Asia/Seoul").read(str(source))
    assert isinstance(letter, Rejected)
    assert "-o encoding=cp949" in letter.reason


@pytest.mark.parametrize(
    "text",
    # hiragana alone reads alike in GB18030 and EUC-JP; いい is EUC-KR's ㄴㄴ, ああ its ㄲㄲ
    ["いい", "ああああ", "ありがとう", "很快很好吃", "快递很给力", "没给可乐啊", "给力给力"],
)
def test_kana_and_chinese_are_not_taken_for_korean(text: str) -> None:
    assert guessed_text(text.encode("gbk"), as_written=True) == text


@settings(max_examples=60)
@given(
    st.lists(st.sampled_from("가나다라마바사아자차카타파하배송이너무늦었어요"), max_size=12),
    st.sampled_from(["ㅋㅋ", "ㅋㅋㅋ", "ㅎㅎ", "ㅠㅠ", "ㅜㅜ", "ㅠㅜㅠ"]),
)
def test_hangul_with_a_run_of_jamo_reads_as_written(syllables: list[str], run: str) -> None:
    text = "".join(syllables) + " " + run
    assert guessed_text(text.encode("euc_kr"), as_written=True) == text


@pytest.mark.skipif(not REVIEWS.exists(), reason="needs ../shared/data/zh")
def test_no_chinese_review_is_taken_for_korean() -> None:
    """Each real review in GBK, as written, its punctuation left out and made spaces."""
    with REVIEWS.open(encoding="utf-8", newline="") as rows:
        reviews = [row["review"] for row in csv.DictReader(rows)]
    punctuation = re.compile(r"[\uff0c,\u3002\uff01!\uff1f?\u3001\uff1b;~\uff5e ]+")
    taken = []
    for review in reviews:
        for written in (review, punctuation.sub("", review), punctuation.sub(" ", review)):
            try:
                raw = written.encode("gbk")
            except UnicodeEncodeError:
                continue
            if korean(raw) is not None:
                taken.append(written)
    assert taken == []

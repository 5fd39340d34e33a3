"""Korean in EUC-KR sent without a charset (a part naming none or ``unknown-8bit``, a raw
8-bit Subject, a form field) is read as Korean, not as Chinese.

EUC-KR's Hangul rows are GB2312's rows of its commonest Chinese characters, so such text
reads whole as GB18030, as Chinese: 배송이 너무 늦었어요 was stored as 硅价捞 呈公 词菌绢夸,
tagged ``zh``. Chinese text is never taken for Korean: its GBK bytes read as cp949 are
Hangul often enough, but seldom the syllables Korean is written in."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from complaintkit.api.form_fields import read_form
from complaintkit.channels.mail_charsets import guessed_text
from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput

KOREAN = [
    "배송이 너무 늦었어요. 환불해 주세요.",
    "제품이 고장났습니다. 교환 부탁드립니다.",
    "주문한 물건이 아직 안 왔어요",
    "음식이 식어서 왔어요 다시는 안 시킬게요",
    "배달원이 너무 불친절했습니다",
]
REVIEWS = Path(__file__).parents[3] / "shared" / "data" / "zh" / "waimai_10k.csv"


def mail(body: bytes, kind: str = "text/plain", subject: bytes = b"x") -> bytes:
    return (
        b"From: Kim <kim@example.kr>\r\nSubject: "
        + subject
        + b"\r\nDate: Mon, 23 Nov 2026 10:00:00 +0900\r\nMessage-ID: <k1@example.kr>\r\n"
        + b"MIME-Version: 1.0\r\nContent-Type: "
        + kind.encode()
        + b"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + body
        + b"\r\n"
    )


@pytest.mark.parametrize("text", KOREAN)
@pytest.mark.parametrize("kind", ["text/plain", "text/plain; charset=unknown-8bit"])
def test_an_unlabelled_euc_kr_part_reads_as_korean(text: str, kind: str) -> None:
    complaint = parse_mail(mail(text.encode("euc_kr"), kind))
    assert complaint.text == text
    assert complaint.language != "zh"


def test_a_raw_euc_kr_subject_reads_as_korean() -> None:
    subject = "환불 요청합니다 주문번호 확인 부탁드려요"
    complaint = parse_mail(mail(b"order 1234", subject=subject.encode("euc_kr")))
    assert complaint.subject == subject


def test_an_unlabelled_euc_kr_form_field_reads_as_korean() -> None:
    body = (
        b'--b\r\nContent-Disposition: form-data; name="text"\r\n\r\n'
        + KOREAN[0].encode("euc_kr")
        + b"\r\n--b--\r\n"
    )
    assert read_form(body, "multipart/form-data; boundary=b", {"text"}) == {"text": KOREAN[0]}


@pytest.mark.parametrize(
    "text", ["很快 很好 很好吃 不错", "外卖送到已经凉了 客服也不理人 要求退款", "很快 不过"]
)
def test_chinese_with_spaces_still_reads_as_chinese(text: str) -> None:
    assert guessed_text(text.encode("gbk"), as_written=True) == text


@pytest.mark.skipif(not REVIEWS.exists(), reason="needs ../shared/data/zh")
def test_real_chinese_reviews_spaced_out_never_read_as_korean() -> None:
    """Real reviews, their punctuation made spaces (as some write), in GBK: each reads
    as written."""
    with REVIEWS.open(encoding="utf-8", newline="") as rows:
        reviews = [row["review"] for row in csv.DictReader(rows)]
    misread = []
    for review in reviews:
        spaced = re.sub(r"[\uff0c,\u3002\uff01!\uff1f?\u3001\uff1b;~\uff5e ]+", " ", review)
        try:
            written = spaced.strip().encode("gbk")
        except UnicodeEncodeError:
            continue
        if guessed_text(written, as_written=True) != spaced.strip():
            misread.append(spaced)
    assert misread == []


@pytest.mark.parametrize("label", ["gb2312", "gbk", "GB18030"])
def test_euc_kr_labelled_chinese_is_a_wrong_label(label: str) -> None:
    """A Korean part labelled as Chinese (a mail program set to a Chinese default) reads
    whole as GB18030; it is refused as Japanese so labelled is, naming cp949."""
    with pytest.raises(InvalidInput) as refused:
        parse_mail(mail(KOREAN[0].encode("euc_kr"), f"text/plain; charset={label}"))
    assert refused.value.field == "part 0 (text/plain)"
    assert "cp949" in refused.value.message


def test_chinese_labelled_gbk_with_spaces_is_still_read() -> None:
    text = "很快 很好 很好吃 不错 下次还点"
    assert parse_mail(mail(text.encode("gbk"), "text/plain; charset=gbk")).text == text

"""Russian (or Ukrainian) text in Windows-1251 or KOI8-R sent without a charset is read as
such, not as Chinese.

Every Cyrillic letter is a byte beyond ASCII in both charsets, so a text whose words all have
an even number of letters reads whole as GB18030: KOI8-R as common Chinese characters
(Утюг пришел сломан as 踉狼 幸邵盘 犹贤廖), stored so and tagged ``zh``; Windows-1251 was
refused advising ``big5hkscs``, and a CSV row or JSON line of either advised ``gb18030``,
which took it in as mojibake. Chinese text is never taken for Cyrillic: its GBK bytes so read
are Cyrillic letters in no case a word is written in, among signs no Russian text holds.
"""

from __future__ import annotations

import csv
import functools
import io
import random
import re
from pathlib import Path

import pytest
from chinese_csv import WAIMAI, misread, waimai_reviews
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.api.form_fields import read_form
from complaintkit.channels.mail_charsets import guessed_text
from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput
from complaintkit.model.cyrillic_text import cyrillic
from complaintkit.model.readable_as import utf8_advice

#: Complaints whose words all have an even number of letters, then ones with odd ones.
EVEN = [
    "Утюг пришел сломан. Курьер грубил. Хочу деньги сейчас.",
    "ХОЧУ ДЕНЬГИ СЕЙЧАС, УТЮГ СЛОМАН",
]
ODD = [
    "Верните деньги за сломанный утюг",
    "Добрый день. Оператор колл-центра положил трубку, так и не решив мою проблему.",
    "Товар не соответствует описанию, прошу заменить или вернуть оплату.",
]
#: Ukrainian, written in Windows-1251 (KOI8-U too, as the KOI8-R it extends).
UKRAINIAN = "Доброго дня! Замовлення прийшло пошкодженим, прошу повернути кошти."
WRITTEN = [(text, charset) for text in EVEN + ODD for charset in ("cp1251", "koi8-r")]


def mail(body: bytes, kind: str = "text/plain", subject: bytes = b"x") -> bytes:
    return (
        b"From: Ivan <ivan@example.ru>\r\nSubject: "
        + subject
        + b"\r\nDate: Mon, 23 Nov 2026 10:00:00 +0300\r\nMessage-ID: <r1@example.ru>\r\n"
        + b"MIME-Version: 1.0\r\nContent-Type: "
        + kind.encode()
        + b"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + body
        + b"\r\n"
    )


@pytest.mark.parametrize(("text", "charset"), WRITTEN)
@pytest.mark.parametrize("kind", ["text/plain", "text/plain; charset=unknown-8bit"])
def test_an_unlabelled_cyrillic_part_reads_as_written(text: str, charset: str, kind: str) -> None:
    complaint = parse_mail(mail(text.encode(charset), kind))
    assert complaint.text == text
    assert complaint.language != "zh"


@pytest.mark.parametrize("charset", ["cp1251", "koi8-u"])
def test_ukrainian_reads_as_written(charset: str) -> None:
    assert guessed_text(UKRAINIAN.encode(charset), as_written=True) == UKRAINIAN


@pytest.mark.parametrize(("text", "charset"), WRITTEN)
def test_a_raw_cyrillic_subject_reads_as_written(text: str, charset: str) -> None:
    complaint = parse_mail(mail(b"order 1234", subject=text.encode(charset)))
    assert complaint.subject == text


def test_an_unlabelled_cyrillic_form_field_reads_as_written() -> None:
    body = (
        b'--b\r\nContent-Disposition: form-data; name="text"\r\n\r\n'
        + EVEN[0].encode("koi8-r")
        + b"\r\n--b--\r\n"
    )
    assert read_form(body, "multipart/form-data; boundary=b", {"text"}) == {"text": EVEN[0]}


@pytest.mark.parametrize("label", ["gb2312", "gbk"])
def test_koi8_r_labelled_chinese_is_a_wrong_label(label: str) -> None:
    """KOI8-R labelled as Chinese reads whole as GB18030, as Korean so labelled does: it is
    refused naming the charset it reads as."""
    with pytest.raises(InvalidInput) as refused:
        parse_mail(mail(EVEN[0].encode("koi8-r"), f"text/plain; charset={label}"))
    assert refused.value.field == "part 0 (text/plain)"
    assert "koi8-r" in refused.value.message


def test_cp1251_labelled_utf8_is_advised_cp1251() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(mail(EVEN[0].encode("cp1251"), "text/plain; charset=utf-8"))
    assert refused.value.message.endswith("it reads as cp1251")


@pytest.mark.parametrize(("text", "charset"), WRITTEN)
def test_a_json_line_is_told_its_charset(text: str, charset: str) -> None:
    assert f"it reads as {charset.upper()}" in utf8_advice(text.encode(charset))


@pytest.mark.parametrize("charset", ["cp1251", "koi8-r"])
@pytest.mark.parametrize("guess", ["utf-8", "gbk"])
def test_a_csv_row_is_advised_its_charset_and_so_taken_in(
    tmp_path: Path, charset: str, guess: str
) -> None:
    advised, texts = misread(tmp_path, EVEN + ODD, charset, guess)
    assert advised == [charset] * len(EVEN + ODD)
    assert texts == EVEN + ODD


@pytest.mark.parametrize("text", ["Жду ответа", "Очень плохо"])
def test_a_few_words_are_too_short_to_tell(text: str) -> None:
    assert cyrillic(text.encode("cp1251")) is None


def _spaced(review: str) -> str:
    return re.sub(r"[\uff0c,\u3002\uff01!\uff1f?\u3001\uff1b;~\uff5e ]+", " ", review).strip()


def _in_gbk(text: str) -> bool:
    try:
        text.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.skipif(not WAIMAI.exists(), reason="needs ../shared/data/zh")
def test_no_chinese_review_reads_as_cyrillic() -> None:
    """Every real review, as written and with its punctuation made spaces, in GB18030 and
    Big5: none is Cyrillic, and each GBK writes, unlabelled, reads as written."""
    reviews, in_big5 = waimai_reviews()
    taken = []
    for review in reviews:
        for text in (review, _spaced(review)):
            if text.isascii():
                continue
            if cyrillic(text.encode("gb18030")) is not None:  # GBK's superset
                taken.append(text)
            if _in_gbk(text) and guessed_text(text.encode("gbk"), as_written=True) != text:
                taken.append(text)
    taken += [review for review in in_big5 if cyrillic(review.encode("big5hkscs")) is not None]
    assert taken == []


@functools.cache
def _reviews_text() -> str:
    """The waimai reviews run together, to cut pieces of any length from."""
    return "".join(row[1] for row in csv.reader(io.StringIO(WAIMAI.read_text(encoding="utf-8"))))


@pytest.mark.skipif(not WAIMAI.exists(), reason="needs ../shared/data/zh")
@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.integers(0, 2**32), st.integers(4, 40), st.floats(0, 0.4))
def test_pieces_of_chinese_reviews_spaced_at_random_are_not_cyrillic(
    seed: int, length: int, spaces: float
) -> None:
    text = _reviews_text()
    pick = random.Random(seed)
    start = pick.randrange(len(text))
    piece = "".join(c + " " * (pick.random() < spaces) for c in text[start : start + length])
    assert cyrillic(piece.encode("gb18030")) is None


#: Latin-1 text whose accented letters read in Windows-1251 as Cyrillic ones, in words
#: as Russian writes them (è as и), among many more Latin letters.
LATIN_1 = [
    "Perché è già così? La città è più bella, però il caffè è freddo e il tè è là. "
    "È così: è già più di metà, perciò è ciò che è.",
    "Très déçu: la télé reçue était cassée, l'écran fêlé, et le délai de réparation dépassé.",
]


@pytest.mark.parametrize("text", LATIN_1)
def test_latin_1_text_is_not_cyrillic(text: str) -> None:
    assert cyrillic(text.encode("latin-1")) is None


def test_a_brand_name_among_russian_words_is_no_matter() -> None:
    text = "Купил iPhone в магазине DNS, через неделю экран перестал работать."
    assert guessed_text(text.encode("cp1251"), as_written=True) == text

# ruff: noqa: RUF001, RUF002 -- Cyrillic letters on purpose
"""Russian in Windows-1251 or KOI8-R sent without a charset, written in mixed case (a word
in capitals among lower-case ones, or letters in alternating case), was not told Russian:
the check that tells it from Chinese in GBK took only words each in one case, and text of
more than a third capitals in all, as Russian is mostly written. 'ТоВаР НЕ ПРИШЁЛ' was a
dead letter naming no charset while the same words in lower case were read. Case is no
sign from 16 letters, nor when GB18030 cannot read the bytes at all: only GBK's bytes read
as Cyrillic are letters in mixed case, and the waimai reviews, whole and in pieces, stay
Chinese (test_unlabelled_cyrillic.py). A word or two that GB18030 also reads whole as
common characters (ДеНьГи as 腻忘描) is still too short to tell."""

from __future__ import annotations

import functools
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
from complaintkit.model.readable_as import utf8_advice

MIXED = [
    "ТоВаР НЕ ПРИШЁЛ",
    "Деньги НЕ вернули",
    "Деньги НЕ ВЕРНУЛИ до сих пор",
    "ЗаКаЗ НеТ уже НЕДЕЛЮ, ВерНиТе ДеНьГи",
    "ЗаКаЗ",
    "НеТ ОтВеТа",
]
CYRILLIC = re.compile("[\u0400-\u04ff]")
WRITTEN = [(text, charset) for text in MIXED for charset in ("cp1251", "koi8-r")]


def mail(body: bytes) -> bytes:
    return (
        b"From: Ivan <ivan@example.ru>\r\nSubject: x\r\n"
        b"Date: Mon, 23 Nov 2026 10:00:00 +0300\r\nMessage-ID: <r1@example.ru>\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/plain\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n" + body + b"\r\n"
    )


@pytest.mark.parametrize(("text", "charset"), WRITTEN)
@pytest.mark.parametrize("case", [str, str.lower, str.upper])
def test_an_unlabelled_mail_part_reads_as_written_in_any_case(
    text: str, charset: str, case: type[str]
) -> None:
    written = case(text)
    assert parse_mail(mail(written.encode(charset))).text == written


@pytest.mark.parametrize(("text", "charset"), WRITTEN)
def test_an_unlabelled_form_field_reads_as_written(text: str, charset: str) -> None:
    body = (
        b'--b\r\nContent-Disposition: form-data; name="text"\r\n\r\n'
        + text.encode(charset)
        + b"\r\n--b--\r\n"
    )
    assert read_form(body, "multipart/form-data; boundary=b", {"text"}) == {"text": text}


@pytest.mark.parametrize(("text", "charset"), WRITTEN)
def test_a_json_line_is_told_its_charset(text: str, charset: str) -> None:
    assert f"it reads as {charset.upper()}" in utf8_advice(text.encode(charset))


@pytest.mark.parametrize("charset", ["cp1251", "koi8-r"])
def test_a_csv_row_is_advised_its_charset_and_so_taken_in(tmp_path: Path, charset: str) -> None:
    advised, texts = misread(tmp_path, MIXED, charset, "utf-8")
    assert advised == [charset] * len(MIXED)
    assert texts == MIXED


@functools.cache
def _reviews_text() -> str:
    return "".join(waimai_reviews()[0])


@pytest.mark.skipif(not WAIMAI.exists(), reason="needs ../shared/data/zh")
@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.integers(0, 2**32), st.integers(2, 40), st.floats(0, 0.4))
def test_pieces_of_chinese_reviews_in_gbk_stay_chinese(
    seed: int, length: int, spaces: float
) -> None:
    """Pieces cut anywhere, spaced at random: unlabelled, none reads as Cyrillic (a piece
    whose runs of bytes beyond ASCII, joined, GB18030 no longer reads whole was so read:
    料欺騙消費 者 as аофшР_оШыM уъ)."""
    text = _reviews_text()
    pick = random.Random(seed)
    start = pick.randrange(len(text))
    piece = "".join(c + " " * (pick.random() < spaces) for c in text[start : start + length])
    try:
        raw = piece.strip().encode("gbk")
        raw.decode("utf-8")  # 一些 is һЩ in UTF-8 too: which it is, no reading can tell
    except UnicodeEncodeError:
        return
    except UnicodeDecodeError:
        pass
    else:
        return
    read = guessed_text(raw, as_written=True) or ""
    assert not CYRILLIC.search(read), (piece, read)

# ruff: noqa: RUF001 -- Cyrillic test text on purpose
"""Russian under a Latin-1 label (a mail program set to Western Europe) is read in the
charset it was written in from 16 letters on; a shorter text — a subject (Жалоба, Возврат
денег), a body of a few words (Утюг сломан) — was stored as the accented letters it reads
as (Óòþã ñëîìàí), which no one can answer. Its bytes beyond ASCII stand in runs, a word's
letters together, as no Latin-1 text's accented letters do (they stand among ASCII ones):
so shown, a text of 4 letters on, half of them different, is read as Russian too."""

from __future__ import annotations

import base64

import pytest

from complaintkit.api.form_fields import read_form
from complaintkit.channels.mail_message import parse_mail
from eight_bit_mail import eight_bit_mail

LABELS = ["iso-8859-1", "windows-1252", "iso-8859-15"]
SHORT = ["Утюг сломан", "Не работает", "Плохо", "Жалоба", "Возврат денег", "Заказ 123 не пришел"]
#: Latin-1 whose accented letters do stand together, but a letter repeated or two alone.
LATIN = ["Udløbsdato (ÅÅÅÅ-MM-DD)", "¡¡¡Qué pena!!!", "þú", "créée", "Opções, ações, funções"]


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("charset", ["cp1251", "koi8-r"])
@pytest.mark.parametrize("text", SHORT)
def test_a_short_russian_body_reads_as_written(text: str, charset: str, label: str) -> None:
    assert parse_mail(eight_bit_mail(text.encode(charset), label)).text == text


@pytest.mark.parametrize("charset", ["cp1251", "koi8-r"])
@pytest.mark.parametrize("text", SHORT)
def test_a_short_raw_russian_subject_reads_as_written(text: str, charset: str) -> None:
    complaint = parse_mail(eight_bit_mail(b"order 1234", "iso-8859-1", text.encode(charset)))
    assert complaint.subject == text


@pytest.mark.parametrize("text", SHORT)
def test_a_short_encoded_russian_subject_reads_as_written(text: str) -> None:
    word = f"=?windows-1252?B?{base64.b64encode(text.encode('cp1251')).decode()}?="
    assert parse_mail(eight_bit_mail(b"order 1234", "utf-8", word.encode())).subject == text


@pytest.mark.parametrize("text", SHORT)
def test_a_short_russian_form_field_reads_as_written(text: str) -> None:
    body = (
        b'--b\r\nContent-Disposition: form-data; name="text"\r\n'
        b"Content-Type: text/plain; charset=iso-8859-1\r\n\r\n"
        + text.encode("cp1251")
        + b"\r\n--b--\r\n"
    )
    assert read_form(body, "multipart/form-data; boundary=b", {"text"}) == {"text": text}


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("text", LATIN)
def test_latin_1_with_accents_together_reads_under_its_label(text: str, label: str) -> None:
    assert parse_mail(eight_bit_mail(text.encode(label), label)).text == text

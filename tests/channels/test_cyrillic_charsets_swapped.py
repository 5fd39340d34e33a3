"""Russian in Windows-1251 labelled KOI8-R, or in KOI8-R labelled Windows-1251 (the two
charsets Russian mail and exports are written in, a mail program's setting or a user's
guess swapping them), reads whole in the wrong one, as words with letters of the wrong case, as
no one writes (Утюг пришел сломан as сРЧЦ ОПХЬЕК ЯКНЛЮМ or хФАЗ РТЙЫЕМ УМПНБО), and was
taken in so. A mail part, a raw subject or a form field so labelled is now read in the
charset its letters are Russian in, as one under a Latin-1 label is; a CSV row read with
the other (``-o encoding=cp1251``) is a dead letter advising it, and an HTTP body declaring
it is refused naming it. Russian in its own charset, and Ukrainian in KOI8-U, read as
before."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from chinese_csv import misread

from complaintkit.api.form_fields import read_form
from complaintkit.channels.http_body import body_in_utf8
from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput
from eight_bit_mail import eight_bit_mail

TEXTS = ["Утюг пришел сломан, верните деньги", "Утюг сломан", "Плохо", "Заказ 123 не пришел"]
#: Text all in one case reads in the other charset in the other case, as Russian is
#: written too: it is read under its label.
ONE_CASE = ["ВЕРНИТЕ ДЕНЬГИ", "верните деньги", "ПЛОХО", "прошу уже проблему"]
SWAPPED = [("cp1251", "koi8-r"), ("koi8-r", "cp1251"), ("koi8-r", "windows-1251")]
UKRAINIAN = "Привіт, товар не прийшов, поверніть гроші"


@pytest.mark.parametrize(("written_in", "label"), SWAPPED)
@pytest.mark.parametrize("text", TEXTS)
def test_a_part_in_the_other_charset_reads_as_written(
    text: str, written_in: str, label: str
) -> None:
    assert parse_mail(eight_bit_mail(text.encode(written_in), label)).text == text


@pytest.mark.parametrize(("written_in", "label"), SWAPPED)
@pytest.mark.parametrize("text", TEXTS)
def test_a_raw_subject_in_the_other_charset_reads_as_written(
    text: str, written_in: str, label: str
) -> None:
    complaint = parse_mail(eight_bit_mail(b"order 1234", label, text.encode(written_in)))
    assert complaint.subject == text


@pytest.mark.parametrize(("written_in", "label"), SWAPPED)
def test_a_form_field_in_the_other_charset_reads_as_written(written_in: str, label: str) -> None:
    body = (
        b'--b\r\nContent-Disposition: form-data; name="text"\r\n'
        + f"Content-Type: text/plain; charset={label}\r\n\r\n".encode()
        + TEXTS[0].encode(written_in)
        + b"\r\n--b--\r\n"
    )
    assert read_form(body, "multipart/form-data; boundary=b", {"text"}) == {"text": TEXTS[0]}


@pytest.mark.parametrize(("written_in", "guess"), [("cp1251", "koi8-r"), ("koi8-r", "cp1251")])
@pytest.mark.parametrize("text", TEXTS)
def test_a_row_read_with_the_other_charset_is_advised_its_own(
    tmp_path: Path, text: str, written_in: str, guess: str
) -> None:
    assert misread(tmp_path, [text], written_in, guess) == ([written_in], [text])


def test_an_http_body_declaring_the_other_charset_is_refused_naming_its_own() -> None:
    body = ('{"text": "' + TEXTS[0] + '"}').encode("cp1251")
    with pytest.raises(InvalidInput) as refused:
        body_in_utf8(body, "koi8-r")
    assert "it reads as cp1251" in refused.value.message


@pytest.mark.parametrize("charset", ["cp1251", "koi8-r"])
@pytest.mark.parametrize("text", TEXTS + ONE_CASE)
def test_russian_in_its_own_charset_reads_as_written(text: str, charset: str) -> None:
    assert parse_mail(eight_bit_mail(text.encode(charset), charset)).text == text


def test_ukrainian_in_koi8_u_reads_as_written() -> None:
    assert parse_mail(eight_bit_mail(UKRAINIAN.encode("koi8-u"), "koi8-u")).text == UKRAINIAN


@pytest.mark.parametrize(("written_in", "label"), SWAPPED)
def test_encoded_words_in_the_other_charset_read_as_written(written_in: str, label: str) -> None:
    """A subject cut into encoded words, as mailers cut a long one: read together."""
    raw = TEXTS[0].encode(written_in)
    words = [
        f"=?{label}?B?{base64.b64encode(raw[start : start + 12]).decode()}?="
        for start in range(0, len(raw), 12)
    ]
    complaint = parse_mail(eight_bit_mail(b"order 1234", "utf-8", "\r\n ".join(words).encode()))
    assert complaint.subject == TEXTS[0]

"""UTF-8 text labelled with a one-byte charset (ISO-8859-1, Windows-1252…) reads in it as
mojibake (`arrivé` as `arrivÃ©`) with nothing a control character would show: bytes
beyond ASCII that make whole UTF-8 characters are none a one-byte charset's text holds."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import shows_nothing
from complaintkit.model.cyrillic_text import mislabelled_latin
from complaintkit.model.readable_as import not_western

FRENCH = "Le colis est arriv\u00e9 cass\u00e9, je veux \u00eatre rembours\u00e9"


def _mail(charset: str, body: bytes) -> bytes:
    return (
        b"From: a@example.fr\nMessage-ID: <u1@example.fr>\n"
        b"Date: Mon, 23 Nov 2026 09:30:00 +0100\nSubject: colis\n"
        + f"Content-Type: text/plain; charset={charset}\n".encode()
        + b"Content-Transfer-Encoding: 8bit\n\n"
        + body
    )


@pytest.mark.parametrize("label", ["iso-8859-1", "windows-1252", "iso-8859-15", "koi8-r"])
def test_utf8_under_a_one_byte_label_is_a_wrong_label(label: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(_mail(label, FRENCH.encode()))
    assert refused.value.field == "part 0 (text/plain)"
    assert label in refused.value.message
    assert "utf-8" in refused.value.message


@given(st.text(st.characters(codec="latin-1", exclude_categories=["Cc", "Cs"]), min_size=1))
@example("\xad")  # a soft hyphen alone shows nothing: the text is blank
@example("\xa0\xa0¡¡")  # two signs, no Chinese character read as GB18030
def test_latin1_text_under_its_label_is_read(text: str) -> None:
    raw = text.encode("latin-1")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:  # as UTF-8 too: only ASCII, or pairs such as 'Ã©' no Latin-1 text writes
        if not raw.isascii():
            return
    if shows_nothing(text):  # a soft hyphen alone: blank, refused as such
        return
    if mislabelled_latin(raw) is not None:  # Russian in Windows-1251, in words of its own
        return
    if not_western(raw) is not None:  # accents standing together, as Chinese bytes stand
        return
    assert parse_mail(_mail("iso-8859-1", raw)).text == text.strip()

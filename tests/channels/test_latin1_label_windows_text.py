"""Mail labelled ``iso-8859-1`` holding Windows-1252's punctuation —
curly quotes, dashes, the euro sign, the ellipsis Outlook and Word type — was refused as
'in another charset: read so it holds U+0093', and a form so labelled garbled: Windows
mailers and browsers label Windows-1252 text so, and the WHATWG Encoding Standard reads
those labels as Windows-1252 for that reason. They are read so now; text in another
charset under them (GBK, UTF-8) is still refused, naming it. ``us-ascii`` is still read
strictly: a part naming no charset is read as it, and unlabelled 8-bit text is guessed."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.api.form_fields import read_form
from complaintkit.channels.http_body import body_in_utf8
from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput
from complaintkit.model.cyrillic_text import mislabelled_latin

LABELS = ["iso-8859-1", "ISO-8859-1", "latin1", "l1", "iso_8859-1:1987"]
#: As Word and Outlook write it: smart quotes, an en and an em dash, euro, ellipsis.
WRITTEN = "The iron came \u201cbroken\u201d \u2013 I paid 49 \u20ac \u2014 refund please\u2026"
#: Windows-1252's characters beyond ASCII, the punctuation 0x80-0x9F among them.
WINDOWS = st.characters(codec="cp1252", min_codepoint=0x80) | st.sampled_from("abc ,.")


def _mail(head: str, body: bytes) -> bytes:
    return (
        "From: a@example.com\r\nMessage-ID: <w1@example.com>\r\n"
        "Date: Mon, 23 Nov 2026 09:30:00 +0800\r\n" + head + "\r\n\r\n"
    ).encode() + body


@pytest.mark.parametrize("label", LABELS)
def test_a_part_so_labelled_reads_windows_punctuation(label: str) -> None:
    mail = _mail(
        f"Subject: s\r\nContent-Type: text/plain; charset={label}", WRITTEN.encode("cp1252")
    )
    assert parse_mail(mail).text == WRITTEN


@pytest.mark.parametrize("label", LABELS)
def test_an_encoded_word_so_labelled_reads_windows_punctuation(label: str) -> None:
    word = f"=?{label}?B?{base64.b64encode(WRITTEN.encode('cp1252')).decode()}?="
    mail = _mail(f"Subject: {word}\r\nContent-Type: text/plain; charset=utf-8", b"body")
    assert parse_mail(mail).subject == WRITTEN


@pytest.mark.parametrize("label", LABELS)
def test_a_form_field_so_labelled_reads_windows_punctuation(label: str) -> None:
    body = (
        b'--B\r\nContent-Disposition: form-data; name="text"\r\n'
        + f"Content-Type: text/plain; charset={label}\r\n\r\n".encode()
        + WRITTEN.encode("cp1252")
        + b"\r\n--B--\r\n"
    )
    assert read_form(body, "multipart/form-data; boundary=B", {"text"}) == {"text": WRITTEN}


def test_a_body_declared_latin1_reads_windows_punctuation() -> None:
    assert body_in_utf8(WRITTEN.encode("cp1252"), "iso-8859-1") == WRITTEN.encode()


@settings(max_examples=150, deadline=None)
@given(st.text(WINDOWS, min_size=1, max_size=40), st.sampled_from(["iso-8859-1", "latin1"]))
def test_windows_text_so_labelled_reads_as_written_or_is_refused(text: str, label: str) -> None:
    """Never as C1 control characters: as written, or refused (accented letters standing
    together as Chinese read so do: ÍâÂô). Bytes that are Russian in Windows-1251, accented
    letters side by side as no Western word has them, are read as Russian (docs/intake.md)."""
    body = text.encode("cp1252")
    if mislabelled_latin(body) is not None:
        return
    mail = _mail(f"Subject: s\r\nContent-Type: text/plain; charset={label}", body)
    try:
        read = parse_mail(mail).text
    except InvalidInput:
        return
    assert read == text.strip()


@pytest.mark.parametrize("label", ["iso-8859-1", "latin1"])
@pytest.mark.parametrize(("written_in", "reads_as"), [("gbk", "gb18030"), ("utf-8", "utf-8")])
def test_text_in_another_charset_so_labelled_is_still_refused(
    label: str, written_in: str, reads_as: str
) -> None:
    mail = _mail(
        f"Subject: s\r\nContent-Type: text/plain; charset={label}",
        "外卖送得太慢了 汤都洒了".encode(written_in),
    )
    with pytest.raises(InvalidInput) as refused:
        parse_mail(mail)
    assert reads_as in refused.value.message

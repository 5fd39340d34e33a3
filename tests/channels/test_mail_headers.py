"""E-mail headers are decoded as strictly as bodies, and a message that could be read two
ways (a year 0000 taken for 2000, two senders) is refused rather than guessed at."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput
from complaintkit.model.readable_as import cut_short

HEAD = "Message-ID: <m8@x>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0800\r\n"


def refused(raw: bytes) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        parse_mail(raw)
    return caught.value


def test_8bit_headers_are_read_in_the_bodys_charset() -> None:
    raw = (HEAD + "From: Wang <wang@example.cn>\r\n").encode() + (
        "Subject: 漏水投诉\r\nContent-Type: text/plain; charset=gbk\r\n\r\n漏水\r\n".encode("gbk")
    )
    assert parse_mail(raw).subject == "漏水投诉"


def test_8bit_headers_without_a_declared_charset_are_read_as_gb18030() -> None:
    raw = (HEAD + "From: 王先生 <wang@example.cn>\r\nSubject: hi\r\n\r\nbody\r\n").encode("gbk")
    complaint = parse_mail(raw)
    assert complaint.customer.name == "王先生"


def test_utf8_headers_are_read_as_utf8() -> None:
    raw = (HEAD + "From: 王先生 <wang@example.cn>\r\nSubject: 漏水\r\n\r\nbody\r\n").encode()
    complaint = parse_mail(raw)
    assert (complaint.customer.name, complaint.subject) == ("王先生", "漏水")


def test_a_header_no_charset_can_read_is_refused_naming_it() -> None:
    raw = (HEAD + "From: a@b.c\r\n").encode() + b"Subject: \xff\xfe\x80\r\n\r\nbody\r\n"
    assert refused(raw).field == "Subject"


@pytest.mark.parametrize(
    "subject",
    [
        "=?x-nonesuch?Q?abc?=",  # a charset no codec knows (x-unknown is read as unlabelled)
        "=?utf-8?Q?caf=E9?=",  # latin-1 bytes labelled utf-8
    ],
)
def test_a_broken_encoded_word_is_refused_naming_the_header(subject: str) -> None:
    raw = f"{HEAD}From: a@b.c\r\nSubject: {subject}\r\n\r\nbody\r\n".encode()
    assert refused(raw).field == "Subject"


def test_a_broken_encoded_word_in_the_senders_name_is_refused() -> None:
    raw = f"{HEAD}From: =?utf-8?Q?caf=E9?= <a@b.c>\r\nSubject: s\r\n\r\nbody\r\n".encode()
    assert refused(raw).field == "From"


def test_good_encoded_words_decode() -> None:
    subject = "=?utf-8?B?5ryP5rC0?= and =?gbk?B?wt7Lrg==?="
    raw = f"{HEAD}From: a@b.c\r\nSubject: {subject}\r\n\r\nbody\r\n".encode()
    assert parse_mail(raw).subject == "漏水 and 罗水"


@pytest.mark.parametrize("year", ["0000", "0099", "000"])
def test_a_year_written_with_more_than_two_digits_is_never_read_as_two(year: str) -> None:
    raw = (
        f"From: a@b.c\r\nMessage-ID: <y@x>\r\nDate: Mon, 23 Nov {year} 09:00:00 +0000\r\n"
        "Subject: s\r\n\r\nbody\r\n"
    ).encode()
    assert refused(raw).field == "Date"


@pytest.mark.parametrize("year", ["0", "5"])
def test_a_year_of_one_digit_is_refused_not_read_as_2000(year: str) -> None:
    """RFC 5322 years have two digits or four; 'Nov 0' was taken in as received in 2000."""
    raw = (
        f"From: a@b.c\r\nMessage-ID: <y@x>\r\nDate: Mon, 23 Nov {year} 09:00:00 +0000\r\n"
        "Subject: s\r\n\r\nbody\r\n"
    ).encode()
    assert refused(raw).field == "Date"


@pytest.mark.parametrize(
    ("date", "not_shown"),
    [("Mon, 23 Nov 0000 09:00:00 +0000", "2000"), ("Mon, 23 Nov 049 09:00:00 +0800", "2049")],
)
def test_a_refused_date_is_quoted_as_written(date: str, not_shown: str) -> None:
    """The reason quoted the date as the parser rewrote it: 'Thu, 23 Nov 2000 …' is outside
    the years 1900 to 2199, though 2000 is not, and the sender wrote no 2000."""
    raw = (
        f"From: a@b.c\r\nMessage-ID: <y@x>\r\nDate: {date}\r\nSubject: s\r\n\r\nbody\r\n"
    ).encode()
    refusal = refused(raw)
    assert repr(date) in refusal.message
    assert not_shown not in refusal.message


def test_a_two_digit_year_is_still_read_as_rfc_5322_says() -> None:
    raw = (
        b"From: a@b.c\r\nMessage-ID: <y@x>\r\nDate: Mon, 23 Nov 26 09:00:00 +0000\r\n"
        b"Subject: s\r\n\r\nbody\r\n"
    )
    assert parse_mail(raw).received_at.year == 2026


@pytest.mark.parametrize("header", ["From: b@c.d", "Message-ID: <other@x>", HEAD.split("\r\n")[1]])
def test_a_header_given_twice_is_refused_as_ambiguous(header: str) -> None:
    raw = f"{HEAD}From: a@b.c\r\n{header}\r\nSubject: s\r\n\r\nbody\r\n".encode()
    assert refused(raw).field == header.split(":", maxsplit=1)[0]


@given(st.binary(max_size=40), st.sampled_from(["From", "Subject", "Message-ID", "Date"]))
def test_any_header_bytes_are_decoded_strictly_or_refused_naming_a_header(
    value: bytes, name: str
) -> None:
    fields = {
        "From": b"a@b.c",
        "Subject": b"s",
        "Message-ID": b"<m@x>",
        "Date": b"Mon, 23 Nov 2026 09:00:00 +0800",
    }
    fields[name] = value.replace(b"\r", b" ").replace(b"\n", b" ")
    raw = b"".join(k.encode() + b": " + v + b"\r\n" for k, v in fields.items()) + b"\r\nbody\r\n"
    refusal: InvalidInput | None
    try:
        complaint = parse_mail(raw)
    except InvalidInput as exc:
        refusal = exc
    else:
        refusal = None
        # UTF-8 cut short inside its last character shows the half one so, and only it
        shown = complaint.subject + (complaint.customer.name or "")
        halves = shown.count("\ufffd")
        assert halves == 0 or (halves == 1 and cut_short(fields[name].rstrip(), "utf-8"))
        assert "\ufffd" not in complaint.external_id
    assert refusal is None or refusal.field  # a refusal names what it refuses

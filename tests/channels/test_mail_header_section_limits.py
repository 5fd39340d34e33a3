"""A message whose header section holds more fields than any mail (200,000 ``X-`` lines,
100,000 ``Received:`` lines) or more bytes (one 5 MB header) held the intake for seconds
to minutes within the size limit, each header the complaint is made of looked up by a
walk of them all: it is a dead letter naming its headers and the limit. Mail with a long
route of Received headers and DKIM signatures is read as ever."""

from __future__ import annotations

import pytest

from complaintkit.channels.mail_headers import MAX_HEADER_FIELDS, MAX_HEADER_SECTION_BYTES
from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput

_HEADERS = (
    b"From: a@example.cn\r\nMessage-ID: <h1@example.cn>\r\n"
    b"Date: Mon, 23 Nov 2026 09:30:00 +0800\r\nSubject: s\r\n"
)
_BODY = b"Content-Type: text/plain\r\n\r\nThe kettle leaks.\r\n"


def test_more_header_fields_than_the_limit_refuse_the_message() -> None:
    extra = b"".join(b"X-%d: v\r\n" % i for i in range(MAX_HEADER_FIELDS))
    with pytest.raises(InvalidInput) as refused:
        parse_mail(_HEADERS + extra + _BODY)
    assert refused.value.field == "headers"
    assert f"{MAX_HEADER_FIELDS:,}" in refused.value.message


def test_a_header_section_past_the_byte_limit_refuses_the_message() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(_HEADERS + b"X-Junk: " + b"a" * MAX_HEADER_SECTION_BYTES + b"\r\n" + _BODY)
    assert refused.value.field == "headers"
    assert f"{MAX_HEADER_SECTION_BYTES:,}" in refused.value.message


def test_a_long_route_is_read() -> None:
    route = b"".join(
        b"Received: from r%d.example by r%d.example; Mon, 23 Nov 2026 09:29:00 +0800\r\n"
        % (i, i + 1)
        for i in range(100)
    )
    signature = b"DKIM-Signature: v=1; a=rsa-sha256; b=" + b"A" * 4000 + b"\r\n"
    complaint = parse_mail(route + signature * 5 + _HEADERS + _BODY)
    assert complaint.text == "The kettle leaks."

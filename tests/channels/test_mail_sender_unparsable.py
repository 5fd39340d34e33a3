"""A ``From`` whose address the standard library's parser cannot read (``"@Example.com>``,
a quote opened before the ``@``) is refused naming ``From``, as any address that is not
one: the parser raises ``HeaderParseError`` there, no ``ValueError``, and the message was
a dead letter saying only ``could not be read: HeaderParseError: …``, naming no header."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput


def _mail(sender: str) -> bytes:
    return (
        f"From: {sender}\r\nSubject: late\r\nDate: Mon, 23 Nov 2026 09:30:00 +0800\r\n"
        "Message-ID: <s1@example.cn>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        "the parcel is late\r\n"
    ).encode()


@pytest.mark.parametrize(
    "sender", ['"@Example.com>', '"@example.com', '<"@example.com>', '."@[', '."@[]']
)
def test_an_unparsable_address_is_refused_naming_from(sender: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(_mail(sender))
    assert refused.value.field == "From"


@given(st.text('a@."<>(),:;\\[] ', min_size=1, max_size=16).filter(lambda s: "@" in s))
@example('"@Example.com>')
@example('."@[')  # the parser raises AttributeError on its own defect
def test_any_sender_is_taken_or_refused_naming_from(sender: str) -> None:
    try:
        complaint = parse_mail(_mail(sender))
    except InvalidInput as refused:
        field = refused.field
    else:
        assert "@" in complaint.customer.id
        return
    assert field == "From"

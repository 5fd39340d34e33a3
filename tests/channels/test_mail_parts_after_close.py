"""A part after a multipart's closing boundary (``--a--`` written too soon, a tool that
appended a part to a closed message) is its epilogue to the parser, which RFC 2046 says
to ignore: the words in it were dropped and the case opened with the rest, the customer's
second part lost without a word. Such a message is refused as a broken multipart is,
kept whole as a dead letter; an epilogue of plain text (a list's footer) is still
ignored."""

from __future__ import annotations

import pytest

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint

HEAD = (
    b"From: A <a@example.com>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0800\r\nSubject: s\r\n"
    b"Message-ID: <after@example.com>\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/mixed; boundary="a"\r\n\r\n'
    b"--a\r\nContent-Type: text/plain\r\n\r\nsee below\r\n--a--\r\n"
)


@pytest.mark.parametrize("delimiter", [b"--a", b"--a  "])
def test_a_part_after_the_closing_boundary_refuses_the_message(delimiter: bytes) -> None:
    raw = HEAD + delimiter + b"\r\nContent-Type: text/plain\r\n\r\nthe real complaint\r\n"
    with pytest.raises(InvalidInput) as refused:
        parse_mail(raw)
    assert refused.value.field == "Content-Type"
    assert "after its closing boundary" in str(refused.value)


def test_a_part_after_a_nested_closing_boundary_refuses_the_message() -> None:
    raw = (
        HEAD.replace(b"--a--\r\n", b"")
        + b'--a\r\nContent-Type: multipart/alternative; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\n\r\none\r\n--b--\r\n"
        b"--b\r\nContent-Type: text/plain\r\n\r\nthe real complaint\r\n--a--\r\n"
    )
    with pytest.raises(InvalidInput) as refused:
        parse_mail(raw)
    assert "after its closing boundary" in str(refused.value)


@pytest.mark.parametrize(
    "epilogue",
    [b"", b"\r\n", b"-- \r\nThe shop list: unsubscribe at https://x\r\n", b"--ab\r\n"],
)
def test_an_epilogue_of_text_is_ignored(epilogue: bytes) -> None:
    complaint = parse_mail(HEAD + epilogue)
    assert isinstance(complaint, Complaint)
    assert complaint.text == "see below"

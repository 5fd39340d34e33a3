"""An encoded word whose charset label holds a NUL (``=?utf8\\x00?B?AA==?=``, fuzzed or
garbled by a gateway) raised Python's ``ValueError`` from the codec registry, so the
message became a dead letter saying only ``ValueError: embedded null character``. Such a
word is now refused as an unknown charset is, naming the header, and the rest of the
mailbox is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.channels import Rejected
from complaintkit.channels.mail import MailChannel
from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint

LABELS = ["utf8\x00", "\x00", "utf-16\x00", "gb\x0018030"]


def _message(number: int, subject: str) -> bytes:
    return (
        f"From: a@example.com\nMessage-ID: <{number}@example.com>\n"
        f"Date: Mon, 23 Nov 2026 09:30:00 +0800\nSubject: {subject}\n\nhello\n"
    ).encode()


@pytest.mark.parametrize("label", LABELS)
def test_a_word_labelled_with_a_nul_is_refused_naming_the_header(label: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(_message(1, f"=?{label}?B?AA==?="))
    assert refused.value.field == "Subject"


@pytest.mark.parametrize("label", LABELS)
def test_the_rest_of_the_mailbox_is_read(tmp_path: Path, label: str) -> None:
    mbox = tmp_path / "in.mbox"
    mbox.write_bytes(
        b"From x\n" + _message(1, f"=?{label}?B?AA==?=") + b"\nFrom x\n" + _message(2, "ok")
    )
    letter, taken = MailChannel().read(str(mbox))
    assert isinstance(letter, Rejected)
    assert letter.source == "in.mbox#1"
    assert "Subject" in letter.reason
    assert "ValueError" not in letter.reason
    assert isinstance(taken, Complaint)

"""A body line in the form of an mbox separator, left unquoted by the writer, stays in its
message; ``>From `` lines of an mboxrd are read unquoted; a damaged message is still a
letter holding its bytes."""

from __future__ import annotations

from pathlib import Path

from complaintkit.channels import Rejected
from complaintkit.channels.mail import MailChannel
from complaintkit.channels.mbox import mbox_messages
from complaintkit.model.complaint import Complaint

SEPARATOR = b"From a@b.c Mon Nov 23 09:00:00 2026\n"


def message(n: int, body: bytes) -> bytes:
    return (
        SEPARATOR
        + f"From: a{n}@b.c\nMessage-ID: <sep{n}@x>\nDate: Mon, 23 Nov 2026 09:00:00 +0000\n".encode()
        + b"Subject: s\n\n"
        + body
    )


def test_a_body_line_like_a_separator_stays_in_its_message(tmp_path: Path) -> None:
    """The line split the message: its tail was refused as 'From: header is missing'."""
    body = b"I wrote to you before, as\nFrom someone@x Sat Jan  3 01:05:34 1996\nsays.\n\n"
    box = tmp_path / "box.mbox"
    box.write_bytes(message(1, body) + message(2, b"two\n"))
    items = list(MailChannel().read(str(box)))
    assert [type(i) for i in items] == [Complaint, Complaint]
    assert isinstance(items[0], Complaint)
    assert "From someone@x Sat Jan  3 01:05:34 1996\nsays." in items[0].text
    assert [n for n, _ in mbox_messages(box)] == [1, 2]


def test_a_separator_followed_by_headers_splits_without_a_blank_line(tmp_path: Path) -> None:
    box = tmp_path / "box.mbox"
    box.write_bytes(message(1, b"one\n") + message(2, b"two\n"))
    items = list(MailChannel().read(str(box)))
    assert [i.external_id for i in items if isinstance(i, Complaint)] == ["sep1@x", "sep2@x"]


def test_quoted_from_lines_are_unquoted_by_one_mark(tmp_path: Path) -> None:
    box = tmp_path / "box.mbox"
    raw = message(1, b">From here on it broke\n>>From the quote\n> From a reply\n\n")
    box.write_bytes(raw)
    (item,) = MailChannel().read(str(box))
    assert isinstance(item, Complaint)
    assert item.text == "From here on it broke\n>From the quote\n> From a reply"
    assert [r for _, r in mbox_messages(box)] == [raw]  # the bytes as they were


def test_a_damaged_message_after_a_blank_line_is_a_letter_with_its_bytes(tmp_path: Path) -> None:
    damaged = SEPARATOR + b"\nno headers at all\n"
    box = tmp_path / "box.mbox"
    box.write_bytes(message(1, b"one\n\n") + damaged + b"\n" + message(3, b"three\n"))
    items = list(MailChannel().read(str(box)))
    assert [type(i) for i in items] == [Complaint, Rejected, Complaint]
    assert isinstance(items[1], Rejected)
    assert items[1].raw == damaged + b"\n"

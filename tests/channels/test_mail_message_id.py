"""A message's key is its Message-ID as written: the standard library's parser cuts a
malformed one short, and two messages would then share one key."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.channels import take_in
from complaintkit.channels.mail import MailChannel
from complaintkit.channels.mail_message import parse_mail
from complaintkit.desk import Desk


def mail(message_id: str, text: str = "水管漏水", sender: str = "jane@example.com") -> bytes:
    return (
        f"From: {sender}\r\nDate: Mon, 23 Nov 2026 09:00:00 +0800\r\nSubject: s\r\n"
        f"Message-ID: {message_id}\r\n\r\n{text}\r\n"
    ).encode()


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("<Outlook 1@host>", "Outlook 1@host"),
        ("<a@b@c>", "a@b@c"),
        ("<a@b c>", "a@b c"),
        ("<a,b@x>", "a,b@x"),
        ("<a@b\r\n c@d>", "a@b c@d"),
        ("<订单 1@x>", "订单 1@x"),
        # well-formed, or not cut short: read as before
        ("<m1@example.com>", "m1@example.com"),
        ("<a@b> trailing words", "a@b"),
        ("<a@b>(comment)", "a@b>(comment)"),
        ("=?utf-8?B?POiuouWNlUB4Pg==?=", "订单@x"),
        ("<订单@x>", "订单@x"),
    ],
)
def test_the_key_is_the_message_id_as_written(written: str, key: str) -> None:
    assert parse_mail(mail(written)).external_id == key


def test_messages_a_parser_would_key_alike_are_cases_of_their_own(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "1.eml").write_bytes(mail("<Outlook 1@host>", "冰箱不制冷"))
    (folder / "2.eml").write_bytes(mail("<Outlook 2@host>", "退款没到账"))
    (folder / "3.eml").write_bytes(mail("<Outlook 3@host>", "快递丢了", "li@example.com"))
    desk = Desk(storage="memory:")
    first = take_in(desk, "email", MailChannel().read(str(folder)))
    assert (first.opened, first.rejected) == (3, [])
    again = take_in(desk, "email", MailChannel().read(str(folder)))
    assert (again.opened, again.already_known, again.rejected) == (0, 3, [])

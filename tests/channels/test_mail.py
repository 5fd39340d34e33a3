# ruff: noqa: RUF001 -- Chinese test text uses full-width punctuation on purpose
"""The e-mail channel: charsets, multipart, mbox and Maildir, and the malformed corpus."""

from __future__ import annotations

import mailbox
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels import Rejected, take_in
from complaintkit.channels.base import isolated
from complaintkit.channels.mail import MailChannel
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.complaint import Complaint
from complaintkit.notify.mail_address import one_address

MAIL = Path(__file__).parent / "mail"
GOOD = MAIL / "good"
MALFORMED = MAIL / "malformed"


def read_one(path: Path) -> Complaint:
    (item,) = MailChannel().read(str(path))
    assert isinstance(item, Complaint), item
    return item


@pytest.mark.parametrize(
    ("name", "subject", "text"),
    [
        ("utf-8", "电饭煲质量问题", "我买的电饭煲用了三天就坏了，要求退货。"),
        ("gbk", "投诉快递服务", "快递员态度恶劣，包裹被扔在门口，镕字测试。"),
        ("gb18030", "订单缺件", "商品缺件，发票抬头写错了。𠀀"),
        ("gb2312", "价格投诉", "价格与宣传不符，要求补差价。"),
        ("big5", "退款未到帳", "退款一直沒有到帳，請盡快處理。"),
    ],
)
def test_chinese_charsets_decode(name: str, subject: str, text: str) -> None:
    complaint = read_one(GOOD / f"{name}.eml")
    assert complaint.subject == subject
    assert complaint.text == text
    assert complaint.language == "zh"


def test_sender_message_id_and_date_become_customer_key_and_received_at() -> None:
    complaint = read_one(GOOD / "gbk.eml")
    assert complaint.customer.id == "zhang.wei@example.cn"
    assert complaint.customer.contact == "zhang.wei@example.cn"
    assert complaint.customer.name == "张伟"
    assert complaint.external_id == "gbk-1@example.cn"
    assert complaint.received_at == datetime(2026, 11, 23, 1, 30, tzinfo=UTC)


def test_alternative_prefers_plain_text_and_records_attachments() -> None:
    complaint = read_one(GOOD / "alternative.eml")
    assert complaint.text == "The kettle I bought leaks."
    assert complaint.customer.id == "jane.doe@example.com"
    assert complaint.attributes["attachments"] == [
        {"filename": "photo.jpg", "content_type": "image/jpeg", "size": 100}
    ]


def test_html_only_mail_is_read_as_visible_text() -> None:
    complaint = read_one(GOOD / "html-only.eml")
    assert complaint.text == "My order is two weeks late.\nPlease help."


def test_mbox_and_maildir_yield_every_message(tmp_path: Path) -> None:
    files = sorted(GOOD.glob("*.eml"))
    box = mailbox.mbox(tmp_path / "inbox.mbox")
    folder = mailbox.Maildir(tmp_path / "Maildir")
    for file in files:
        box.add(file.read_bytes())
        folder.add(file.read_bytes())
    box.close()
    for source in ("inbox.mbox", "Maildir"):
        items = list(MailChannel().read(str(tmp_path / source)))
        assert all(isinstance(i, Complaint) for i in items)
        assert sorted(i.external_id for i in items if isinstance(i, Complaint)) == sorted(
            read_one(f).external_id for f in files
        )


def test_every_malformed_message_ends_as_a_dead_letter_with_a_reason() -> None:
    corpus = sorted(MALFORMED.glob("*.eml"))
    assert len(corpus) >= 10
    desk = Desk(storage="memory:", clock=ManualClock(datetime(2026, 11, 23, tzinfo=UTC)))
    summary = take_in(desk, "email", MailChannel().read(str(MALFORMED)))
    assert summary.opened == 0
    letters = desk.storage.dead_letters()
    assert [d.source for d in letters] == [f"email:{f.name}" for f in corpus]
    assert all(d.reason for d in letters)
    assert [d.raw for d in letters] == [f.read_bytes() for f in corpus]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("02-no-from.eml", "From: header is missing"),
        ("07-unknown-charset.eml", "unknown charset 'x-klingon'"),
        ("09-invalid-gbk.eml", "is not valid gbk"),
        ("12-bad-base64.eml", "base64 body is corrupt"),
        ("14-no-timezone.eml", "has no time zone"),
    ],
)
def test_rejection_reason_names_the_problem(name: str, reason: str) -> None:
    (item,) = MailChannel().read(str(MALFORMED / name))
    assert isinstance(item, Rejected)
    assert reason in item.reason


def test_taking_the_same_mail_twice_opens_one_case() -> None:
    desk = Desk(storage="memory:")
    first = take_in(desk, "email", MailChannel().read(str(GOOD)))
    again = take_in(desk, "email", MailChannel().read(str(GOOD)))
    assert (first.opened, again.opened, again.already_known) == (7, 0, 7)


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        (
            b"Date: Mon, 23 Nov 2026 99999999999999999999:30:00 +0800\r\n"
            b"Content-Type: text/plain\r\n",
            "Date: header cannot be read",
        ),
        (
            b"Date: Mon, 23 Nov 2026 09:30:00 +0800\r\n"
            b'Content-Type: text/plain; charset="utf-8\x00"\r\n',
            "part 0 (text/plain): declares unknown charset 'utf-8\\x00'",
        ),
        (
            b"From: a:<a@b>b;c\r\nDate: Mon, 23 Nov 2026 09:30:00 +0800\r\n"
            b"Content-Type: text/plain\r\n",
            "From: header cannot be read",
        ),
    ],
    ids=["number past any clock", "charset holding NUL", "group the parser trips on"],
)
def test_a_header_no_library_can_read_is_named_in_the_reason(headers: bytes, reason: str) -> None:
    """They were 'could not be read: OverflowError: Python int too large…', 'ValueError:
    embedded null character' and 'AttributeError: 'Group' object…', naming no header or part."""
    sender = b"" if headers.startswith(b"From:") else b"From: a@b.example\r\n"
    raw = sender + b"Message-ID: <x@b>\r\nSubject: s\r\n" + headers + b"\r\nhi\r\n"
    item = isolated("a.eml", raw, MailChannel().message, raw)
    assert isinstance(item, Rejected)
    assert item.reason.startswith(reason)
    assert "Python" not in item.reason  # the header as written, not the parser's words
    assert "Error" not in item.reason


def mail(sender: bytes, extra: bytes = b"", body: bytes = b"hi\r\n") -> bytes:
    return (
        b"From: " + sender + b"\r\nMessage-ID: <x@b>\r\nSubject: s\r\n"
        b"Date: Mon, 23 Nov 2026 09:30:00 +0800\r\n" + extra + b"\r\n" + body
    )


@pytest.mark.parametrize(
    ("sender", "name", "address"),
    [
        ("张三 <张三@example.com>", "张三", "张三@example.com"),
        ("用户@例子.中国", None, "用户@例子.中国"),
        ("=?utf-8?b?5byg5LiJ?= <用户@例子.中国>", "张三", "用户@例子.中国"),
        ('"张 三"@example.com', None, '"张 三"@example.com'),
    ],
)
def test_an_internationalised_sender_is_the_customer_as_written(
    sender: str, name: str | None, address: str
) -> None:
    """RFC 6532 lets a mailbox name be UTF-8: such a sender was refused whole as 'is not an
    e-mail address'. The SMTP notifier mails it through a server that speaks SMTPUTF8."""
    complaint = MailChannel().message(mail(sender.encode()))
    assert (complaint.customer.id, complaint.customer.contact) == (address, address)
    assert complaint.customer.name == name
    assert one_address(address) is not None


@pytest.mark.parametrize("sender", ["用户@@例子.中国", "用户@", "张三@例子.中国, 李四@例子.中国"])
def test_an_internationalised_sender_that_is_no_address_is_refused(sender: str) -> None:
    raw = mail(sender.encode())
    item = isolated("a.eml", raw, MailChannel().message, raw)
    assert isinstance(item, Rejected)
    assert item.reason.startswith("From: ")


def multipart(kind: bytes, *parts: bytes) -> bytes:
    body = b"".join(b"--BB\r\n" + part + b"\r\n" for part in parts) + b"--BB--\r\n"
    extra = b"MIME-Version: 1.0\r\nContent-Type: multipart/" + kind + b'; boundary="BB"\r\n'
    return mail(b"a@b.example", extra, body)


PLAIN = b"Content-Type: text/plain; charset=utf-8\r\n\r\nThe kettle leaks."


@pytest.mark.parametrize(
    ("headers", "filename", "content_type"),
    [
        (b'Content-Disposition: attachment; filename="a\x00b.pdf"', "a\ufffdb.pdf", "x/y"),
        (b"Content-Disposition: attachment; filename*=utf-8''a%00b.pdf", "a\ufffdb.pdf", "x/y"),
        (b'Content-Disposition: attachment; filename="=?utf-8?q?a=00b?="', "a\ufffdb", "x/y"),
        (b"Content-Type: x/\x00y", "", "x/\ufffdy"),
    ],
    ids=["quoted", "RFC 2231", "encoded word", "content type"],
)
def test_a_nul_in_an_attachments_name_costs_only_that_character(
    headers: bytes, filename: str, content_type: str
) -> None:
    """It was refused whole: 'attributes.attachments[0].filename: holds a NUL character'."""
    if not headers.startswith(b"Content-Type"):
        headers = b"Content-Type: x/y\r\n" + headers
    complaint = MailChannel().message(multipart(b"mixed", PLAIN, headers + b"\r\n\r\nABC"))
    assert complaint.text == "The kettle leaks."
    assert complaint.attributes["attachments"] == [
        {"filename": filename, "content_type": content_type, "size": 3}
    ]


HTML = b"Content-Type: text/html; charset=utf-8\r\n\r\n<p>The kettle <b>leaks</b>.</p>"
BAD_HTML = b"Content-Type: text/html; charset=utf-8\r\n\r\n<p>\xff\xfe</p>"
BAD_PLAIN = b"Content-Type: text/plain; charset=x-klingon\r\n\r\nThe kettle leaks."
FOOTER = b"Content-Type: text/plain\r\n\r\nSent from my phone"


def inner(kind: bytes, *parts: bytes) -> bytes:
    """A multipart part of ``kind`` holding ``parts``, to nest in ``multipart``."""
    body = b"".join(b"--CC\r\n" + part + b"\r\n" for part in parts) + b"--CC--"
    return b"Content-Type: multipart/" + kind + b'; boundary="CC"\r\n\r\n' + body


@pytest.mark.parametrize(
    ("raw", "text", "unread"),
    [
        (multipart(b"alternative", PLAIN, BAD_HTML), "The kettle leaks.", "part 2 (text/html)"),
        (multipart(b"alternative", BAD_PLAIN, HTML), "The kettle leaks.", "part 1 (text/plain)"),
        (
            multipart(
                b"alternative", PLAIN, inner(b"related", BAD_HTML, b"Content-Type: x/y\r\n\r\nP")
            ),
            "The kettle leaks.",
            "part 3 (text/html)",
        ),
        (
            multipart(b"mixed", inner(b"alternative", BAD_PLAIN, HTML)),
            "The kettle leaks.",
            "part 2 (text/plain)",
        ),
    ],
    ids=["html", "plain", "html in related", "nested"],
)
def test_an_unreadable_alternative_is_noted_and_the_readable_one_read(
    raw: bytes, text: str, unread: str
) -> None:
    """The whole message was refused for an alternative that cannot be decoded
    ('part 2 (text/html): is not valid utf-8'), though another says the same."""
    complaint = MailChannel().message(raw)
    assert complaint.text == text
    (noted,) = complaint.attributes["unread_parts"]
    assert noted["part"] == unread
    assert noted["reason"].startswith(("is not valid utf-8", "declares unknown charset"))


def test_an_html_alternative_stands_for_its_unreadable_plain_one_beside_other_text() -> None:
    alternative = inner(b"alternative", BAD_PLAIN, HTML)
    complaint = MailChannel().message(multipart(b"mixed", alternative, FOOTER))
    assert complaint.text == "The kettle leaks.\n\nSent from my phone"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (multipart(b"alternative", BAD_PLAIN, BAD_HTML), "part 1 (text/plain): declares"),
        (multipart(b"mixed", PLAIN, BAD_PLAIN), "part 2 (text/plain): declares"),
        (
            multipart(b"alternative", BAD_PLAIN, FOOTER.replace(b"Sent from my phone", b" ")),
            "part 1 (text/plain): declares",
        ),
    ],
    ids=["every alternative", "not an alternative", "the other alternative blank"],
)
def test_a_message_whose_unreadable_part_nothing_stands_for_is_refused_naming_it(
    raw: bytes, reason: str
) -> None:
    item = isolated("a.eml", raw, MailChannel().message, raw)
    assert isinstance(item, Rejected)
    assert item.reason.startswith(reason)
    assert "Python" not in item.reason  # the header as written, not the parser's words
    assert "Error" not in item.reason


def test_a_message_with_an_unreadable_alternative_taken_twice_opens_one_case() -> None:
    raw = multipart(b"alternative", PLAIN, BAD_HTML)
    desk = Desk(storage="memory:", clock=ManualClock(datetime(2026, 11, 24, tzinfo=UTC)))
    first = take_in(desk, "email", iter([MailChannel().message(raw)]))
    again = take_in(desk, "email", iter([MailChannel().message(raw)]))
    assert (first.opened, again.opened, again.already_known) == (1, 0, 1)
    assert desk.storage.dead_letters() == []


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (b"The kettle leaks.", "The kettle leaks."),
        ("电饭煲坏了".encode(), "电饭煲坏了"),
        ("电饭煲坏了".encode("gbk"), "电饭煲坏了"),
    ],
    ids=["ascii", "utf-8", "gbk"],
)
def test_a_part_whose_charset_is_unknown_8bit_is_read_as_an_unlabelled_header_is(
    body: bytes, text: str
) -> None:
    """RFC 1428's label for text a gateway could not name the charset of: the message was
    refused as 'declares unknown charset 'unknown-8bit'' even when it was ASCII."""
    extra = b"Content-Type: text/plain; charset=unknown-8bit\r\n"
    assert MailChannel().message(mail(b"a@b.example", extra, body)).text == text


@pytest.mark.parametrize(
    ("extra", "body", "text"),
    [
        (b"", "电饭煲坏了".encode(), "电饭煲坏了"),
        (b"", "电饭煲坏了,退款".encode("gbk"), "电饭煲坏了,退款"),
        (b"Content-Type: text/plain\r\n", "电饭煲坏了".encode("gbk"), "电饭煲坏了"),
        (b"Content-Type: text/plain; format=flowed\r\n", "水壶漏水".encode(), "水壶漏水"),
    ],
    ids=["no content-type, utf-8", "no content-type, gbk", "no charset, gbk", "no charset, utf-8"],
)
def test_an_8bit_part_that_names_no_charset_is_read_as_utf_8_else_gb18030(
    extra: bytes, body: bytes, text: str
) -> None:
    """RFC 2045 says a part naming no charset is US-ASCII, but mail from Chinese clients and
    scripts often sends GBK or UTF-8 bytes without naming either: such a message was refused
    as 'is not valid us-ascii', where an 'unknown-8bit' one was read."""
    assert MailChannel().message(mail(b"a@b.example", extra, body)).text == text


def test_an_unlabelled_part_that_is_neither_utf_8_nor_gb18030_is_refused() -> None:
    raw = mail(b"a@b.example", b"", b"caf\xe9 \xff")
    item = isolated("a.eml", raw, MailChannel().message, raw)
    assert isinstance(item, Rejected)
    assert item.reason.startswith("part 0 (text/plain): is not valid us-ascii")


def test_unknown_8bit_text_that_is_neither_utf_8_nor_gb18030_is_refused() -> None:
    extra = b"Content-Type: text/plain; charset=unknown-8bit\r\n"
    raw = mail(b"a@b.example", extra, b"caf\xe9 \xff")
    item = isolated("a.eml", raw, MailChannel().message, raw)
    assert isinstance(item, Rejected)
    assert item.reason == "part 0 (text/plain): declares unknown charset 'unknown-8bit'"


@pytest.mark.parametrize(
    ("raw", "attachments"),
    [
        (
            multipart(
                b"mixed",
                PLAIN,
                b"Content-Type: x/y\r\nContent-Disposition: attachment; filename*\r\n\r\nABC",
            ),
            [{"filename": "", "content_type": "x/y", "size": 3}],
        ),
        (
            multipart(b"mixed", PLAIN, b"Content-Type: x/y; name*0*\r\n\r\nABC"),
            [{"filename": "", "content_type": "x/y", "size": 3}],
        ),
        (
            multipart(b"mixed", PLAIN, b"Content-Type: x/y; name*; name*0*=a.pdf\r\n\r\nABC"),
            [{"filename": "a.pdf", "content_type": "x/y", "size": 3}],
        ),
        (
            mail(b"a@b.example", b"Content-Type: text/plain; charset*\r\n", b"The kettle leaks."),
            None,
        ),
        (
            mail(
                b"a@b.example",
                b'Content-Type: multipart/mixed; boundary="BB"; x*\r\n',
                b"--BB\r\n" + PLAIN + b"\r\n--BB--\r\n",
            ),
            None,
        ),
    ],
    ids=["disposition", "type of an attachment", "twice", "type of the message", "multipart"],
)
def test_a_mime_header_the_standard_library_trips_over_is_read_as_written(
    raw: bytes, attachments: list[dict[str, object]] | None
) -> None:
    """A parameter name ending in '*' with no value (filename*) made the standard library's
    parser raise as the message was parsed: the whole message was refused as 'could not be
    read: IndexError: string index out of range', naming no header or part."""
    complaint = MailChannel().message(raw)
    assert complaint.text == "The kettle leaks."
    assert complaint.attributes.get("attachments") == attachments


@pytest.mark.parametrize("kind", [b"text/csv", b"text/calendar", b"text/rtf"])
def test_an_inline_text_part_that_is_neither_plain_nor_html_is_noted(kind: bytes) -> None:
    """It was read as nothing and noted nowhere: the case did not say the customer had sent
    their order list or appointment."""
    part = b"Content-Type: " + kind + b"; charset=utf-8\r\n\r\norder,\xe7\x94\xb5"
    complaint = MailChannel().message(multipart(b"mixed", PLAIN, part))
    assert complaint.text == "The kettle leaks."
    assert complaint.attributes["attachments"] == [
        {"filename": "", "content_type": kind.decode(), "size": 9}
    ]


MIME_PIECES = [
    *(b"; ", b"=", b'"', b"'", b"''", b"%", b"%FF", b"%00", b"*", b"*0*", b"*1", b"\\"),
    *(b"filename", b"name", b"charset", b"boundary", b"utf-8", b"x-klingon", b"=?", b"?="),
    *(b"?b?", b"?q?", b"\xff", b"\xd5\xc5", b"\x00", b"a", b" ", b"(", b")", b",", b"\t"),
]
mime_parameters = st.lists(st.sampled_from(MIME_PIECES), max_size=12).map(b"".join)


@settings(max_examples=300)
@given(type_parameters=mime_parameters, disposition_parameters=mime_parameters)
def test_an_attachments_parameters_never_cost_the_message(
    type_parameters: bytes, disposition_parameters: bytes
) -> None:
    attachment = (
        b"Content-Type: application/pdf" + type_parameters + b"\r\n"
        b"Content-Disposition: attachment" + disposition_parameters + b"\r\n\r\nABC"
    )
    complaint = MailChannel().message(multipart(b"mixed", PLAIN, attachment))
    assert complaint.text == "The kettle leaks."
    assert len(complaint.attributes["attachments"]) == 1


@pytest.mark.parametrize(
    ("written", "filename"),
    [
        ("张三的发票.pdf".encode("gbk"), "张三的发票.pdf"),
        ("张三的发票.pdf".encode(), "张三的发票.pdf"),
        (b"\x80\xff.pdf", "\ufffd\ufffd.pdf"),
    ],
    ids=["gbk", "utf-8", "neither"],
)
def test_an_attachments_8bit_name_is_read_as_an_unlabelled_header_is(
    written: bytes, filename: str
) -> None:
    """Chinese mail clients write a file name in raw GBK: it was noted as '�����.pdf'."""
    attachment = b'Content-Type: x/y\r\nContent-Disposition: attachment; filename="%s"\r\n\r\nABC'
    complaint = MailChannel().message(multipart(b"mixed", PLAIN, attachment % written))
    assert complaint.attributes["attachments"][0]["filename"] == filename

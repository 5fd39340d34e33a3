# ruff: noqa: RUF001 -- Chinese test text uses full-width punctuation on purpose
"""A real SMTP round trip against aiosmtpd on localhost, in Chinese and English."""

from __future__ import annotations

import base64
import email
import email.policy
import re
import socket
import threading
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import SMTP, SMTPUTF8

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.base import Message
from complaintkit.notify.mail_address import one_address
from complaintkit.notify.mail_header import MAX_DEPTH
from complaintkit.notify.smtp import SmtpNotifier
from complaintkit.testing.server import free_port
from smtp_inbox import Inbox, receiving


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    with receiving(Inbox()) as server:
        yield server


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("您的投诉 CK-1 已受理", "王芳您好：我们已收到您的投诉，将在24小时内回复。"),
        ("We received your complaint CK-1", "Dear Jane, we will reply within 24 hours."),
    ],
)
def test_message_arrives_intact(smtp_server: tuple[Inbox, int], subject: str, body: str) -> None:
    inbox, port = smtp_server
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    notifier.send(Message(to="customer@example.cn", subject=subject, body=body, case_id="CK-1"))
    (arrived,) = inbox.received
    parsed = email.message_from_bytes(arrived.as_bytes(), policy=email.policy.default)
    assert parsed["Subject"] == subject
    assert parsed["To"] == "customer@example.cn"
    assert parsed["X-Complaintkit-Case"] == "CK-1"
    assert parsed["Auto-Submitted"] == "auto-generated"  # no out-of-office answers it
    assert isinstance(parsed, EmailMessage)
    assert parsed.get_content().strip() == body


def test_refused_connection_is_a_retried_failure_naming_the_server(
    smtp_server: tuple[Inbox, int],
) -> None:
    """Its dead letter says which server refused, not only ``[Errno 111] Connection
    refused``: a desk with two smtp notifiers must tell which one is down."""
    port = free_port()
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=2)
    with pytest.raises(DeliveryFailed) as failed:
        notifier.send(Message(to="x@example.com", subject="s", body="b"))
    assert str(failed.value).startswith(f"smtp 127.0.0.1:{port}: ")
    assert not failed.value.final
    assert isinstance(failed.value.__cause__, ConnectionRefusedError)


def test_a_server_closing_the_connection_is_named_too() -> None:
    """A server that greets and then hangs up (a restart, a full queue)."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        port = listener.getsockname()[1]

        def greet_and_hang_up() -> None:
            connection, _ = listener.accept()
            with connection:
                connection.sendall(b"220 mail.example ESMTP\r\n")
                connection.recv(1024)

        thread = threading.Thread(target=greet_and_hang_up)
        thread.start()
        notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
        with pytest.raises(DeliveryFailed) as failed:
            notifier.send(Message(to="x@example.com", subject="s", body="b"))
        thread.join()
    assert str(failed.value).startswith(f"smtp 127.0.0.1:{port}: ")
    assert not failed.value.final


def test_a_subject_with_line_breaks_arrives_on_one_line_and_adds_no_header(
    smtp_server: tuple[Inbox, int],
) -> None:
    """A template may carry the customer's own subject into the mail's: its line breaks
    (an injected ``Bcc:`` among them) must neither stop the mail nor become headers."""
    inbox, port = smtp_server
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    subject = "Re: 牛奶变质\r\nBcc: someone@elsewhere.example\n\tand more"
    notifier.send(Message(to="customer@example.cn", subject=subject, body="hi", case_id="CK-1"))
    (arrived,) = inbox.received
    parsed = email.message_from_bytes(arrived.as_bytes(), policy=email.policy.default)
    assert parsed["Subject"] == "Re: 牛奶变质 Bcc: someone@elsewhere.example and more"
    assert parsed["Bcc"] is None


@pytest.mark.parametrize(
    "contact",
    [
        "+86 138 0013 8000",
        "a@x.com bob",
        "Sam <sam@x.com> evil2",
        "a@x.com, b@y.com",
        "a@x.com\r\nBcc: evil@evil.com",
        "group: a@x.com;",
        "x@",
        "",
        ". <a@x.com>",  # the parser itself fails on it (AttributeError): retried 8 times
    ],
)
def test_a_contact_that_is_not_exactly_one_address_is_refused_for_good(
    smtp_server: tuple[Inbox, int], contact: str
) -> None:
    """A phone number or two addresses are not mailed to whatever part of them parses."""
    inbox, port = smtp_server
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    with pytest.raises(DeliveryFailed) as info:
        notifier.send(Message(to=contact, subject="s", body="b"))
    assert info.value.final
    assert "not exactly one e-mail address" in str(info.value)
    assert inbox.received == []


@pytest.mark.parametrize(
    "contact",
    [
        "sam@exa\u00a0mple.com",  # read as sam@example.com: "sam@exa mple.com" is refused
        "sam@example.com\u2028bob",  # read as sam@example.combob
        "sam@shop\u3000example.com",
        "sam\u2029@example.com",
        '"x\u2028Bcc: e@evil.example"@example.com',  # a line break, to str.splitlines
    ],
)
def test_a_unicode_space_or_line_break_inside_the_address_is_refused_for_good(
    smtp_server: tuple[Inbox, int], contact: str
) -> None:
    """The address parser drops a space that is not ASCII from a domain, gluing its parts
    together: such a contact was mailed to an address the customer never gave."""
    inbox, port = smtp_server
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    with pytest.raises(DeliveryFailed) as info:
        notifier.send(Message(to=contact, subject="s", body="b"))
    assert info.value.final
    assert inbox.received == []


def test_a_name_with_an_ideographic_space_is_still_mailed(smtp_server: tuple[Inbox, int]) -> None:
    inbox, port = smtp_server
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    notifier.send(Message(to="王\u3000芳 <wf@shop.example>", subject="s", body="b"))
    (arrived,) = inbox.received
    parsed = email.message_from_bytes(arrived.as_bytes(), policy=email.policy.default)
    (to,) = parsed["To"].addresses
    assert (to.display_name.split(), to.addr_spec) == (["王", "芳"], "wf@shop.example")


@pytest.mark.parametrize(
    ("contact", "name", "address"),
    [
        ("Dr. Wang <w@shop.example>", "Dr. Wang", "w@shop.example"),
        ("John Q. Public <jqp@example.com>", "John Q. Public", "jqp@example.com"),
    ],
)
def test_a_name_in_obsolete_but_common_syntax_is_mailed(
    smtp_server: tuple[Inbox, int], contact: str, name: str, address: str
) -> None:
    """A period in an unquoted name is RFC 5322's obsolete syntax, which a reader must
    accept: such a contact was dead-lettered as 'not exactly one e-mail address'."""
    inbox, port = smtp_server
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    notifier.send(Message(to=contact, subject="s", body="b"))
    (arrived,) = inbox.received
    parsed = email.message_from_bytes(arrived.as_bytes(), policy=email.policy.default)
    (to,) = parsed["To"].addresses
    assert (to.display_name, to.addr_spec) == (name, address)


@pytest.mark.parametrize("contact", ["sam@x.com", "Sam <sam@x.com>", "王芳 <wf@shop.example>"])
def test_one_address_with_or_without_a_name_is_mailed(
    smtp_server: tuple[Inbox, int], contact: str
) -> None:
    inbox, port = smtp_server
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    notifier.send(Message(to=contact, subject="s", body="b"))
    (arrived,) = inbox.received
    parsed = email.message_from_bytes(arrived.as_bytes(), policy=email.policy.default)
    assert str(parsed["To"]) == contact


def test_control_and_bidi_characters_from_the_customer_are_shown_not_obeyed(
    smtp_server: tuple[Inbox, int],
) -> None:
    """An override that makes ``gnp.exe`` read ``exe.png``, or an ANSI escape, reaches
    neither the Subject, the recipient's name nor the body as such."""
    inbox, port = smtp_server
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    notifier.send(
        Message(
            to="\u202eevil <sam@x.com>",
            subject="\u202egnp.exe\u202c refund \x1b[31m \u2066x\u2069\x85",
            body="Dear \u202eevil,\n\tline two\x1b[0m",
        )
    )
    (arrived,) = inbox.received
    parsed = email.message_from_bytes(arrived.as_bytes(), policy=email.policy.default)
    assert parsed["Subject"] == "[U+202E]gnp.exe[U+202C] refund [U+001B][31m [U+2066]x[U+2069]"
    assert parsed["To"].addresses[0].display_name == "[U+202E]evil"
    assert parsed["To"].addresses[0].addr_spec == "sam@x.com"
    body = parsed.get_content()
    assert "Dear [U+202E]evil,\n\tline two[U+001B][0m" in body


def encoded_word(text: str) -> str:
    """``text`` as one RFC 2047 encoded word, as a mail header writes text."""
    return f"=?utf-8?b?{base64.b64encode(text.encode()).decode()}?="


#: Text whose encoded words decode to line breaks: a header of its own, and a body.
HIDDEN_BREAKS = "=?utf-8?q?Re:_refund=0D=0AReply-To:_thief@evil.example=0D=0A=0D=0APay_here?="


@pytest.mark.parametrize("subject", [HIDDEN_BREAKS, f"投诉 {encoded_word(HIDDEN_BREAKS)}"])
def test_line_breaks_hidden_in_encoded_words_of_the_subject_add_no_header(
    smtp_server: tuple[Inbox, int], subject: str
) -> None:
    """The header's parser decodes RFC 2047 words in the text it is given: a customer's
    subject holding ``=?utf-8?q?...=0D=0AReply-To:...?=`` wrote a Reply-To header and a
    body of its own into the mail."""
    inbox, port = smtp_server
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    notifier.send(Message(to="customer@example.cn", subject=subject, body="hi", case_id="CK-1"))
    (arrived,) = inbox.received
    parsed = email.message_from_bytes(arrived.as_bytes(), policy=email.policy.default)
    assert parsed["Reply-To"] is None
    assert "\r" not in parsed["Subject"]
    assert "\n" not in parsed["Subject"]
    assert "Reply-To: thief@evil.example" in parsed["Subject"]
    assert isinstance(parsed, EmailMessage)
    assert parsed.get_content().strip() == "hi"


def customer_text(alphabet: str) -> st.SearchStrategy[str]:
    """Text a customer controls, of ``alphabet``, and encoded words of any of it."""
    return st.recursive(
        st.text(alphabet=st.sampled_from(alphabet), max_size=12),
        lambda inner: (
            st.builds(encoded_word, inner) | st.builds(" ".join, st.lists(inner, max_size=3))
        ),
        max_leaves=6,
    )


@settings(max_examples=100)
@given(subject=customer_text('a 投诉:<>"=?\r\n\x1b\u202e\u2028'))
@example(subject="\x1b\x1b \x1b\x1b ::::::\x1b\u202e 投")  # folded before 投: a space more
@example(subject="::\x1b\x1b\x1b\x1b :::\x1b\x1b\x1b\x1b")  # a long first word folded
def test_the_customers_subject_never_adds_a_header_or_a_line_break(subject: str) -> None:
    notifier = SmtpNotifier(sender="care@shop.example")
    message = Message(to="customer@example.cn", subject=subject, body="hi", case_id="CK-1")
    mail = notifier.email(message)
    parsed = email.message_from_bytes(mail.as_bytes(policy=SMTP), policy=email.policy.default)
    assert [key for key in parsed if key not in _CONTENT_HEADERS] == _HEADERS
    assert not _LINE_BREAK.search(parsed["Subject"])
    assert parsed["Subject"] == str(mail["Subject"])  # what the reader sees is what was meant
    assert isinstance(parsed, EmailMessage)
    assert parsed.get_content().strip() == "hi"


def test_a_subject_of_encoded_words_nested_without_end_is_refused_for_good() -> None:
    subject = "refund"
    for _ in range(MAX_DEPTH + 1):
        subject = encoded_word(subject)
    notifier = SmtpNotifier(sender="care@shop.example")
    with pytest.raises(DeliveryFailed, match="nested more than") as refused:
        notifier.email(Message(to="customer@example.cn", subject=subject, body="hi"))
    assert refused.value.final


#: The headers of every mail, in order, besides those of its content.
_HEADERS = ["From", "To", "Subject", "Date", "Message-ID", "X-Complaintkit-Case", "Auto-Submitted"]
_CONTENT_HEADERS = frozenset({"Content-Type", "Content-Transfer-Encoding", "MIME-Version"})
_LINE_BREAK = re.compile("[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def test_line_breaks_hidden_in_encoded_words_of_the_name_add_no_header(
    smtp_server: tuple[Inbox, int],
) -> None:
    """A display name decoded once by the address check was decoded again by the To
    header: a word encoded twice reached the mail as a line break."""
    inbox, port = smtp_server
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    contact = f"{encoded_word(HIDDEN_BREAKS)} <customer@example.cn>"
    notifier.send(Message(to=contact, subject="s", body="hi", case_id="CK-1"))
    (arrived,) = inbox.received
    parsed = email.message_from_bytes(arrived.as_bytes(), policy=email.policy.default)
    assert parsed["Reply-To"] is None
    (to,) = parsed["To"].addresses
    assert to.addr_spec == "customer@example.cn"
    assert "\n" not in to.display_name
    assert isinstance(parsed, EmailMessage)
    assert parsed.get_content().strip() == "hi"


@pytest.mark.parametrize(
    "name",
    [
        "Customer service: thief@evil.example, and a long name the header must fold to fit",
        "Wang Fang; Reply via: thief@evil.example; please answer quickly, it is urgent",
    ],
)
def test_a_long_name_never_reads_as_another_recipient(
    smtp_server: tuple[Inbox, int], name: str
) -> None:
    """Folding a long quoted name dropped its quotes: the reader saw a group holding
    thief@evil.example (a reply to all mails the thief), or no address at all."""
    inbox, port = smtp_server
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    notifier.send(Message(to=f'"{name}" <customer@example.cn>', subject="s", body="b"))
    (arrived,) = inbox.received
    parsed = email.message_from_bytes(arrived.as_bytes(), policy=email.policy.default)
    assert [a.addr_spec for a in parsed["To"].addresses] == ["customer@example.cn"]


def test_a_long_chinese_name_is_kept_in_encoded_words(smtp_server: tuple[Inbox, int]) -> None:
    inbox, port = smtp_server
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    name = "王芳（北京市朝阳区建国路八十八号现代城小区三号楼二单元）客户服务投诉联系人"
    notifier.send(Message(to=f"{name} <customer@example.cn>", subject="s", body="b"))
    (arrived,) = inbox.received
    assert arrived.as_bytes().isascii()
    parsed = email.message_from_bytes(arrived.as_bytes(), policy=email.policy.default)
    (to,) = parsed["To"].addresses
    assert to.addr_spec == "customer@example.cn"
    assert to.display_name.replace(" ", "") == name  # folding may space its words apart


def quoted(name: str) -> str:
    """``name`` as a quoted string, as a contact may give it."""
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


@settings(max_examples=100)
@given(name=customer_text('a 投诉:;,@<>"=?\x1b\u202e\u2028'))
@example(name=":;\u202e\u202e\u202e \u202e\u202e\u202e \u202e\u202e\u202e")  # read back, it raised
def test_the_customers_name_never_adds_a_header_or_a_recipient(name: str) -> None:
    notifier = SmtpNotifier(sender="care@shop.example")
    contact = f"{quoted(name)} <customer@example.cn>"
    assume(one_address(contact) is not None)  # else refused for good, as tested above
    mail = notifier.email(Message(to=contact, subject="s", body="hi", case_id="CK-1"))
    for policy in (SMTP, SMTPUTF8):
        parsed = email.message_from_bytes(mail.as_bytes(policy=policy), policy=email.policy.default)
        assert [key for key in parsed if key not in _CONTENT_HEADERS] == _HEADERS
        (to,) = parsed["To"].addresses
        assert to.addr_spec == "customer@example.cn"
        assert not _LINE_BREAK.search(to.display_name)

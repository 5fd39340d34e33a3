"""A recipient's domain is a domain name a letter may go to, or the message is refused for
good: a domain literal (``sam@[10.0.0.5]``) would have the relay deliver to a machine by its
address, an internal one too; a label no DNS holds bounces later or never (a real SMTP
server on loopback)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.errors import ConfigError
from complaintkit.notify.base import Message
from complaintkit.notify.mail_domain import mail_domain_trouble
from complaintkit.notify.smtp import SmtpNotifier
from smtp_inbox import ParsedInbox, receiving


@pytest.fixture(name="server", scope="module")
def server_fixture() -> Iterator[tuple[ParsedInbox, int]]:
    with receiving(ParsedInbox()) as server:
        yield server


def send(port: int, to: str) -> None:
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    notifier.send(Message(to=to, subject="您的投诉", body="正文", delivery_id="d-1"))


@pytest.mark.parametrize(
    ("to", "said"),
    [
        ("sam@[127.0.0.1]", "a machine's address"),
        ("sam@[10.0.0.5]", "a machine's address"),
        ("Sam <sam@[IPv6:::1]>", "a machine's address"),
        ("sam@-bad-.com", "'-bad-' is no label"),
        ("sam@exa_mple.com", "'exa_mple' is no label"),
        ("sam@xn--a.example", "'xn--a' is no IDNA label"),  # U+0080, a control
        ("sam@xn--ab-c.example", "'xn--ab-c' is no IDNA label"),  # ASCII
        ("sam@xn--0.example", "'xn--0' is no IDNA label"),
        ("sam@1.2.3.4", "its last label is a number"),
        (f"sam@{'a' * 64}.com", "is no label"),
    ],
)
def test_a_domain_no_letter_may_go_to_is_refused_for_good(
    server: tuple[ParsedInbox, int], to: str, said: str
) -> None:
    inbox, port = server
    before = len(inbox.received)
    with pytest.raises(DeliveryFailed) as refused:
        send(port, to)
    assert refused.value.final
    assert said in str(refused.value)
    assert len(inbox.received) == before


@pytest.mark.parametrize(
    "to",
    [
        "sam@example.com",
        "wf@mail-1.example.cn",
        "kunde@bücher.example",
        "kunde@xn--bcher-kva.example",
        "kunde@xn--strae-oqa.de",
        "kunde@xn--zzz.example",  # 箥
        "ops@localhost",
        "a@3com.com",
    ],
)
def test_a_domain_name_is_mailed(server: tuple[ParsedInbox, int], to: str) -> None:
    inbox, port = server
    before = len(inbox.received)
    send(port, to)
    (arrived,) = inbox.received[before:]
    assert arrived["To"].addresses[0].username == to.partition("@")[0]


def test_a_sender_at_a_domain_literal_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="a machine's address"):
        SmtpNotifier(sender="care@[10.0.0.5]")


_LETTER_OR_DIGIT = st.sampled_from("abcxyzABC019")
_LABELS = st.builds(
    lambda first, inner, last: first + inner + last if inner or last else first,
    _LETTER_OR_DIGIT,
    st.text(alphabet="abc019-", max_size=20),
    st.text(alphabet="abc019", max_size=1),
).filter(lambda label: not label.endswith("-") and label[2:4] != "--")


@settings(max_examples=200)
@given(labels=st.lists(_LABELS, min_size=1, max_size=4), top=st.sampled_from(["com", "cn", "a1"]))
def test_every_name_of_letters_digits_and_inner_hyphens_is_a_domain(
    labels: list[str], top: str
) -> None:
    assert mail_domain_trouble(".".join([*labels, top])) is None

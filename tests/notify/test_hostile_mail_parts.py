"""Whatever a customer's contact, a subject, a body or a case id holds — line breaks and an
injected ``Bcc:`` in any of them, NUL, bidi overrides, encoded words, quotes, several
addresses, a Unicode line break inside an address — the SMTP notifier either mails exactly
the one addressee, with no header the text added and a subject on one visible line, or
refuses the message for good on one line (a dead letter): never a mail to someone else,
never an error of another kind (a real SMTP server on loopback)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.base import Message
from complaintkit.notify.smtp import SmtpNotifier
from smtp_inbox import ParsedInbox, receiving

PIECES = [
    *"ab @<>\"',;:\\\r\n\t\x00\u202e\u2066\u0085\u2028=?é中\ufeff",
    "=?utf-8?q?x?=",
    "\r\nBcc: evil@elsewhere.example",
    "\nX-Injected: 1",
    "sam@example.com",
    "Sam <sam@example.com>",
]
HOSTILE = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)


@pytest.fixture(name="server", scope="module")
def server_fixture() -> Iterator[tuple[ParsedInbox, int]]:
    with receiving(ParsedInbox()) as server:
        yield server


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(to=HOSTILE, subject=HOSTILE, body=HOSTILE, case_id=HOSTILE)
def test_hostile_text_mails_the_one_addressee_or_is_refused_for_good(
    server: tuple[ParsedInbox, int], to: str, subject: str, body: str, case_id: str
) -> None:
    inbox, port = server
    before = len(inbox.received)
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    hostile = Message(to=to, subject=subject, body=body, delivery_id="d-1", case_id=case_id)
    try:
        notifier.send(hostile)
    except DeliveryFailed as exc:
        refused: DeliveryFailed | None = exc
    else:
        refused = None
    if refused is not None:
        assert refused.final
        assert not {"\n", "\r", "\x00"} & set(str(refused))
        assert len(inbox.received) == before
        return
    (arrived,) = inbox.received[before:]
    assert arrived["Bcc"] is None
    assert arrived["X-Injected"] is None
    (addressee,) = arrived["To"].addresses
    # the mailbox name as sent (read back from 8-bit bytes); its domain may be in IDNA
    assert addressee.username.encode("utf-8", "surrogateescape").decode() in to
    shown = str(arrived["Subject"] or "")
    assert not {"\n", "\r", "\x00", "\u202e", "\u2066"} & set(shown)
    assert not {"\x00", "\u202e", "\u2066"} & set(arrived.get_content())


@pytest.mark.parametrize(
    "contact",
    [
        "=?utf-8?q?x?=sam@example.com",
        "=?utf-8?b?eA==?=sam@example.com",
        "Sam <=?utf-8?q?x?=sam@example.com>",
    ],
)
def test_an_encoded_word_in_the_mailbox_name_is_refused_not_decoded(
    server: tuple[ParsedInbox, int], contact: str
) -> None:
    """``=?utf-8?q?x?=sam`` is a mailbox name as written (RFC 2047 decodes no word there);
    read decoded, the letter went to ``xsam@example.com``, someone else's mailbox."""
    inbox, port = server
    before = len(inbox.received)
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    with pytest.raises(DeliveryFailed) as refused:
        notifier.send(Message(to=contact, subject="s", body="b", delivery_id="d-1"))
    assert refused.value.final
    assert len(inbox.received) == before


def test_an_encoded_word_in_the_display_name_is_still_mailed(
    server: tuple[ParsedInbox, int],
) -> None:
    inbox, port = server
    before = len(inbox.received)
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    notifier.send(Message(to="=?utf-8?b?546L?= <w@x.cn>", subject="s", body="b", delivery_id="d"))
    (arrived,) = inbox.received[before:]
    (addressee,) = arrived["To"].addresses
    assert (addressee.display_name, addressee.addr_spec) == ("王", "w@x.cn")

"""A bidi control (an override, an embedding, an isolate, a mark) inside a contact's mailbox
name or domain was mailed as written, to an SMTPUTF8 server: an address that reads in
another order than it is (``\u202emoc.elpmaxe@mas``) names no mailbox anyone reads out, and
where it is shown it misleads. It is refused for good, shown escaped, as a line
break inside an address is; the same control in the display name is only made visible."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.base import Message
from complaintkit.notify.mail_address import one_address
from complaintkit.notify.smtp import SmtpNotifier
from smtp_inbox import Inbox, receiving

BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
BIDI += ["\u200e", "\u200f", "\u061c"]


@pytest.fixture(name="server")
def server_fixture() -> Iterator[tuple[Inbox, int]]:
    with receiving(Inbox(), enable_SMTPUTF8=True) as server:
        yield server


@pytest.mark.parametrize(
    "contact",
    ["\u202e@a.example", "sam\u202e@example.com", "sam@exa\u2067mple.com", "Sam <s\u200fam@x.cn>"],
)
def test_a_bidi_control_in_the_address_is_refused_for_good(
    server: tuple[Inbox, int], contact: str
) -> None:
    inbox, port = server
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    with pytest.raises(DeliveryFailed) as caught:
        notifier.send(Message(to=contact, subject="s", body="b", delivery_id="d-1"))
    assert caught.value.final
    assert not set(BIDI) & set(str(caught.value))  # shown as [U+202E] or \u200f
    assert inbox.received == []


def test_a_bidi_control_in_the_name_is_shown_and_the_mail_goes(server: tuple[Inbox, int]) -> None:
    inbox, port = server
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    notifier.send(Message(to="\u202eSam <sam@example.com>", subject="s", body="b"))
    (arrived,) = inbox.received
    assert "[U+202E]Sam" in str(arrived["To"])


@given(
    local=st.text("abc.", min_size=1, max_size=5).filter(lambda s: "." not in (s[0], s[-1])),
    control=st.sampled_from(BIDI),
    at=st.integers(min_value=0, max_value=20),
)
def test_no_address_holding_a_bidi_control_is_one(local: str, control: str, at: int) -> None:
    address = f"{local}@example.com"
    at = at % (len(address) + 1)
    assert one_address(address[:at] + control + address[at:]) is None

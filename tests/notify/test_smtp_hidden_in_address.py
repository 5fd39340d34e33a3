"""An invisible format character inside a contact's mailbox name or domain (a zero width
space, a soft hyphen, a word joiner, a byte order mark, a tag character) was mailed as
written to an SMTPUTF8 server: ``sam\u200b@example.com`` reads as ``sam@example.com`` and
is another mailbox, and ``sam@exa\u200bmple.com`` went to ``example.com``, a domain the
contact does not name. Such an address is refused for good, the character shown escaped,
as a bidi control in one is; in the display name it is only shown. The joiners (U+200C,
U+200D) are left to the mailbox name (emoji) and to the domain's own refusal."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.base import Message
from complaintkit.notify.mail_address import one_address
from complaintkit.notify.smtp import SmtpNotifier
from smtp_inbox import Inbox, receiving

HIDDEN = ["\u200b", "\u00ad", "\u2060", "\ufeff", "\U000e0041", "\u180e", "\u2064"]


@pytest.fixture(name="server")
def server_fixture() -> Iterator[tuple[Inbox, int]]:
    with receiving(Inbox(), enable_SMTPUTF8=True) as server:
        yield server


@pytest.mark.parametrize(
    "contact",
    [
        "sam\u200b@example.com",
        "sa\u00adm@example.com",
        "sam@exa\u200bmple.com",
        "Sam <s\u2060am@example.com>",
        "sam\U000e0041@example.com",
    ],
)
def test_a_hidden_character_in_the_address_is_refused_for_good(
    server: tuple[Inbox, int], contact: str
) -> None:
    inbox, port = server
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    with pytest.raises(DeliveryFailed) as caught:
        notifier.send(Message(to=contact, subject="s", body="b", delivery_id="d-1"))
    assert caught.value.final
    said = str(caught.value)
    assert not [c for c in said if unicodedata.category(c) == "Cf"]
    assert "[U+" in said
    assert inbox.received == []


@given(
    local=st.text("abc.", min_size=1, max_size=5).filter(lambda s: "." not in (s[0], s[-1])),
    hidden=st.sampled_from(HIDDEN),
    at=st.integers(min_value=0, max_value=20),
)
def test_no_address_holding_a_hidden_character_is_one(local: str, hidden: str, at: int) -> None:
    address = f"{local}@example.com"
    at = at % (len(address) + 1)
    found = one_address(address[:at] + hidden + address[at:])
    assert found is None or hidden not in found.addr_spec

"""A contact typed with a Chinese input method in full-width mode (``wf\uff20qq.com``, the
full-width commercial at) is the customer's e-mail address; it was no address, so every
letter to that customer became a dead letter."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from complaintkit.api.ack_limit import mailbox
from complaintkit.notify.base import Message
from complaintkit.notify.mail_address import one_address
from complaintkit.notify.smtp import SmtpNotifier
from smtp_inbox import receiving


class Envelopes:
    def __init__(self) -> None:
        self.recipients: list[list[str]] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.recipients.append(list(envelope.rcpt_tos))  # type: ignore[attr-defined]
        return "250 OK"


@pytest.fixture(name="server")
def server_fixture() -> Iterator[tuple[Envelopes, int]]:
    with receiving(Envelopes()) as server:
        yield server


@pytest.mark.parametrize(
    ("contact", "address"),
    [
        ("wf\uff20qq.com", "wf@qq.com"),
        ("\uff57\uff46\uff20\uff51\uff51\uff0e\uff43\uff4f\uff4d", "wf@qq.com"),  # all of it
        ("王芳 <wf\uff20qq.com>", "wf@qq.com"),
    ],
)
def test_a_full_width_at_sign_is_read_as_the_at_sign(contact: str, address: str) -> None:
    found = one_address(contact)
    assert found is not None
    assert found.addr_spec == address
    assert mailbox(contact) == mailbox(address)  # one allowance of acknowledgements


@pytest.mark.parametrize(
    "contact",
    ["wf\uff20qq\uff20x.com", "wf@qq.com\uff20x.com", "13800001234", "wf\uff20"],
)
def test_still_no_address_where_it_is_none(contact: str) -> None:
    assert one_address(contact) is None


def test_the_letter_reaches_the_customer(server: tuple[Envelopes, int]) -> None:
    handler, port = server
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port)
    notifier.send(Message(to="wf\uff20qq.com", subject="您的投诉已收到", body="我们会尽快处理"))
    assert handler.recipients == [["wf@qq.com"]]

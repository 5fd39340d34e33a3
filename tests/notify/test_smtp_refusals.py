"""Which SMTP failures no retry can fix: a recipient the server refuses for good (5xx), an
address only an SMTPUTF8 server takes. An internationalised domain is sent IDNA-encoded,
which every server takes (real aiosmtpd round trips)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.base import Message
from complaintkit.notify.smtp import SmtpNotifier
from smtp_inbox import receiving


class Server:
    """Refuses the recipients in ``refuse`` with their answer; keeps what it accepted."""

    def __init__(self, refuse: dict[str, str]) -> None:
        self.refuse = refuse
        self.accepted: list[list[str]] = []

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.accepted.append(list(envelope.rcpt_tos))
        return "250 OK"


@pytest.fixture
def server() -> Iterator[tuple[Server, int]]:
    handler = Server(
        {"gone@example.com": "550 5.1.1 no such user", "busy@example.com": "451 later"}
    )
    with receiving(handler, enable_SMTPUTF8=False) as server:
        yield server


def send(port: int, to: str) -> None:
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    notifier.send(Message(to=to, subject="s", body="b", delivery_id="d-1"))


def test_a_recipient_refused_for_good_is_final(server: tuple[Server, int]) -> None:
    with pytest.raises(DeliveryFailed, match="550") as caught:
        send(server[1], "gone@example.com")
    assert caught.value.final is True


def test_a_recipient_refused_for_now_is_retried(server: tuple[Server, int]) -> None:
    with pytest.raises(DeliveryFailed, match="451") as caught:
        send(server[1], "busy@example.com")
    assert caught.value.final is False


def test_a_non_ascii_mailbox_without_smtputf8_is_final(server: tuple[Server, int]) -> None:
    with pytest.raises(DeliveryFailed, match="SMTPUTF8") as caught:
        send(server[1], "王芳@example.com")
    assert caught.value.final is True
    assert str(caught.value).startswith(f"smtp 127.0.0.1:{server[1]}: ")  # as every refusal


def test_an_internationalised_domain_is_sent_idna_encoded(server: tuple[Server, int]) -> None:
    handler, port = server
    send(port, "kunde@bücher.example")
    assert handler.accepted == [["kunde@xn--bcher-kva.example"]]


def test_a_non_ascii_sender_without_smtputf8_is_named_not_the_recipient(
    server: tuple[Server, int],
) -> None:
    """It said 'sam@example.com needs a server that speaks SMTPUTF8' of an ASCII
    recipient: the operator was sent to fix the customer's address, not the sender."""
    notifier = SmtpNotifier(sender="客服@shop.example", host="127.0.0.1", port=server[1], timeout=5)
    with pytest.raises(DeliveryFailed, match="SMTPUTF8") as caught:
        notifier.send(Message(to="sam@example.com", subject="s", body="b", delivery_id="d-1"))
    assert caught.value.final is True
    assert "客服@shop.example" in str(caught.value)
    assert "sam@example.com" not in str(caught.value)


@pytest.mark.parametrize("to", ["gone@example.com", "busy@example.com"])
def test_a_refused_recipient_names_the_server_as_every_refusal_does(
    server: tuple[Server, int], to: str
) -> None:
    """It said 'smtp: recipient refused: …', naming no server, where a refused sender or
    message names it ('smtp 127.0.0.1:25: refused the sender …'): a desk with two mail
    notifiers could not tell which relay refused the address (say, relaying denied)."""
    port = server[1]
    with pytest.raises(DeliveryFailed) as caught:
        send(port, to)
    text = str(caught.value)
    assert text.startswith(f"smtp 127.0.0.1:{port}: refused the recipient {to}: ")
    assert server[0].refuse[to] in text

"""Every attempt at one delivery carries the same Message-ID and delivery id header, so a
mail receiver can deduplicate a message the worker sent again (a real aiosmtpd round trip)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from complaintkit.notify.base import Message
from complaintkit.notify.smtp import SmtpNotifier
from smtp_inbox import ParsedInbox, receiving


@pytest.fixture
def mailbox_port() -> Iterator[tuple[ParsedInbox, int]]:
    with receiving(ParsedInbox()) as server:
        yield server


def message(delivery_id: str) -> Message:
    return Message(to="c@example.com", subject="s", body="b", delivery_id=delivery_id)


def test_two_attempts_of_one_delivery_carry_the_same_ids(
    mailbox_port: tuple[ParsedInbox, int],
) -> None:
    mailbox, port = mailbox_port
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    delivery_id = "0b6f2c1e-5d1a-4c3e-9a57-2f1d8e3b4c5a"
    notifier.send(message(delivery_id))
    notifier.send(message(delivery_id))
    notifier.send(message("7c9e6679-7425-40de-944b-e07fc1f90ae7"))
    first, again, other = mailbox.received
    assert first["X-Complaintkit-Delivery"] == again["X-Complaintkit-Delivery"] == delivery_id
    assert first["Message-ID"] == again["Message-ID"] == f"<{delivery_id}@shop.example>"
    assert other["Message-ID"] != first["Message-ID"]


def test_a_message_sent_outside_the_outbox_still_has_a_message_id() -> None:
    notifier = SmtpNotifier(sender="care@shop.example")
    mail = notifier.email(message(""))
    assert mail["Message-ID"]
    assert mail["X-Complaintkit-Delivery"] is None

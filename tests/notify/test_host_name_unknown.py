"""A receiver whose host name does not resolve is named as that, with what to check.

A webhook's URL or an SMTP host with a typo (``hooks.shop.exmaple``), or a name only an
internal DNS knows, failed every attempt with the resolver's own words, ``no answer:
[Errno -2] Name or service not known``, naming no host and no next step. The reason now
says the host name could not be looked up, which one, and what to check. Hosts under the
reserved ``.invalid`` domain never resolve (RFC 2606): nothing is sent anywhere.
"""

from __future__ import annotations

import pytest

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.base import Message
from complaintkit.notify.smtp import SmtpNotifier
from complaintkit.notify.webhook import WebhookNotifier

MESSAGE = Message(to="sam@example.com", subject="s", body="b", delivery_id="d-1")


def test_a_webhook_host_that_does_not_resolve_is_named_with_what_to_check() -> None:
    notifier = WebhookNotifier(url="https://hooks.shop.invalid/complaints?key=k", timeout=30)
    with pytest.raises(DeliveryFailed) as caught:
        notifier.send(MESSAGE)
    text = str(caught.value)
    assert text.startswith("webhook https://hooks.shop.invalid/…: ")
    assert "the host name 'hooks.shop.invalid' could not be looked up" in text
    assert "DNS" in text
    assert "key=k" not in text
    assert caught.value.final is False  # a name just added may resolve later


def test_an_smtp_host_that_does_not_resolve_is_named_with_what_to_check() -> None:
    notifier = SmtpNotifier(sender="care@shop.example", host="mail.shop.invalid", timeout=30)
    with pytest.raises(DeliveryFailed) as caught:
        notifier.send(MESSAGE)
    text = str(caught.value)
    assert text.startswith("smtp mail.shop.invalid:25: ")
    assert "the host name 'mail.shop.invalid' could not be looked up" in text
    assert "DNS" in text
    assert caught.value.final is False

"""RFC 9110 (5.6.7) has a receiver of an HTTP date accept its three forms, each in GMT: the
IMF one (``Wed, 25 Nov 2026 07:28:00 GMT``), RFC 850's (``Wednesday, 25-Nov-26 07:28:00
GMT``) and C's asctime (``Wed Nov 25 07:28:00 2026``), which writes no zone. A
``Retry-After`` in asctime was taken for garbled, and a receiver that asked for an hour's
rest was tried again on the backoff, in seconds. Every form is now the instant it names, in
GMT (a real receiver on loopback; the worker's clock injected)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from canned_receiver import Receiver, message

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker, Outgoing
from complaintkit.notify.webhook import WebhookNotifier
from complaintkit.storage.memory import MemoryStorage

NOW = datetime(2026, 11, 25, 6, 28, tzinfo=UTC)
ASKED = NOW + timedelta(hours=1)


@pytest.mark.parametrize(
    "when",
    [
        b"Wed, 25 Nov 2026 07:28:00 GMT",
        b"Wednesday, 25-Nov-26 07:28:00 GMT",
        b"Wed Nov 25 07:28:00 2026",
        b"Wed Nov 25 07:28:00 2026 ",
    ],
)
def test_each_form_of_a_date_is_waited_for(when: bytes) -> None:
    receiver = Receiver(
        b"HTTP/1.1 429 Too Many\r\nRetry-After: " + when + b"\r\nContent-Length: 0\r\n\r\n"
    )
    try:
        with MemoryStorage() as storage:
            storage.enqueue([Outgoing.message("ops", message(), NOW)])
            notifier = WebhookNotifier(url=receiver.url, timeout=5)
            DeliveryWorker(storage, {"ops": notifier}, ManualClock(NOW)).run_once()
            (pending,) = storage.deliveries("pending")
    finally:
        receiver.close()
    assert pending.next_attempt_at == ASKED

"""A receiver that never answers is "unanswered" whichever clock notices first: the
attempt's watchdog, or the socket's own timeout of the same length. Under load the socket's
fired before the watchdog's timer thread ran, and the attempt was taken for a refusal, so the
delivery pass tried the same silent receiver again for every delivery queued for it."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator

import pytest

from complaintkit.delivery import DeliveryFailed
from complaintkit.model.message import Message
from complaintkit.notify import http_deadline
from complaintkit.notify.smtp import SmtpNotifier
from complaintkit.notify.webhook import WebhookNotifier

TIMEOUT = 0.3


@pytest.fixture(name="port")
def silent_port() -> Iterator[int]:
    """A loopback port that accepts connections and never says a word."""
    server = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                held.append(server.accept()[0])
            except OSError:
                return

    accepting = threading.Thread(target=accept, daemon=True)
    accepting.start()
    try:
        yield server.getsockname()[1]
    finally:
        server.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept; closing alone does not
        server.close()
        accepting.join()
        for conn in held:
            conn.close()


def webhook(port: int) -> WebhookNotifier:
    return WebhookNotifier(url=f"http://127.0.0.1:{port}/hook", timeout=TIMEOUT)


def smtp(port: int) -> SmtpNotifier:
    return SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=TIMEOUT)


@pytest.mark.parametrize("build", [webhook, smtp])
def test_the_socket_timing_out_first_is_no_answer_too(
    port: int,
    build: Callable[[int], WebhookNotifier | SmtpNotifier],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(http_deadline.Watchdog, "_expire", lambda self: None)  # a late timer
    with pytest.raises(DeliveryFailed) as failed:
        build(port).send(Message(to="ops@shop.example", subject="s", body="b"))
    assert failed.value.unanswered


def test_a_refusal_is_not_taken_for_silence() -> None:
    with http_deadline.Watchdog(30) as watchdog:
        assert not watchdog.ran_out(ConnectionRefusedError())
        assert watchdog.ran_out(TimeoutError())

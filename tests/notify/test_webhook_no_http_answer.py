"""A webhook URL whose port answers in another protocol (an SMTP or SSH server's banner)
is told as that, quoting the words on one line and saying what to check. It was 'no
answer: 220 mail.test ESMTP' followed by the banner's line break, which split the outbox
listing's row and the dead letter's reason line. Retried."""

from __future__ import annotations

import contextlib
import socket

import pytest

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.base import Message
from complaintkit.notify.webhook import WebhookNotifier
from loopback import LoopbackServer


class Banner(LoopbackServer):
    """Reads the request, then answers with ``banner``."""

    def __init__(self, banner: bytes) -> None:
        self.banner = banner
        super().__init__()

    def serve(self, connection: socket.socket) -> None:
        with contextlib.suppress(OSError):
            connection.recv(65536)
            connection.sendall(self.banner)


@pytest.mark.parametrize(
    ("banner", "said"),
    [(b"220 mail.test ESMTP\r\n", "220 mail.test ESMTP"), (b"SSH-2.0-OpenSSH_9.6\r\n", "SSH-2.0")],
)
def test_another_protocols_answer_is_told_on_one_line(banner: bytes, said: str) -> None:
    server = Banner(banner)
    try:
        notifier = WebhookNotifier(url=f"http://127.0.0.1:{server.port}/hook", timeout=5)
        with pytest.raises(DeliveryFailed) as caught:
            notifier.send(Message(to="ops", subject="s", body="b", delivery_id="d-1"))
    finally:
        server.close()
    reason = str(caught.value)
    assert reason.startswith(f"webhook http://127.0.0.1:{server.port}/…: answered with what is")
    assert "no HTTP answer" in reason
    assert said in reason
    assert "\n" not in reason
    assert "\r" not in reason
    assert "port" in reason
    assert not caught.value.final

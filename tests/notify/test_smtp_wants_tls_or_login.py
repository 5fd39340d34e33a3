"""A server answering MAIL FROM with 530 (RFC 3207 "Must issue a STARTTLS command first",
RFC 4954 "Authentication required") refuses the session, not the sender: the failure said
"refused the sender care@shop.example", sending whoever reads it to check an address that
is fine. It says what the server wants and what to set; it stays final (every message
would be refused alike until the notifier's options change)."""

from __future__ import annotations

import pytest
from scripted_smtp import Scripted

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.base import Message
from complaintkit.notify.smtp import SmtpNotifier
from loopback import started

servers = pytest.fixture(started, name="servers")


@pytest.mark.parametrize(
    "reply",
    [b"530 5.7.0 Must issue a STARTTLS command first", b"530 5.7.0 Authentication required"],
)
def test_a_530_to_the_sender_says_to_set_tls_or_a_login(
    servers: list[Scripted], reply: bytes
) -> None:
    server = Scripted({b"MAIL": reply + b"\r\n"})
    servers.append(server)
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=server.port)
    with pytest.raises(DeliveryFailed) as caught:
        notifier.send(Message(to="sam@example.com", subject="s", body="b", delivery_id="d-1"))
    reason = str(caught.value)
    assert reason.startswith(f"smtp 127.0.0.1:{server.port}: ")
    assert reply.decode() in reason
    assert "refused the sender" not in reason
    assert "starttls: yes" in reason
    assert "username and password" in reason
    assert "outbox requeue" in reason
    assert caught.value.final
    assert server.ends == 0

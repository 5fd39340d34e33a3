"""A login the server refuses for good (535 wrong credentials, 534 a mechanism too weak, 530
or 538 one that wants TLS first), or cannot take at all (it offers no AUTH, or no mechanism
smtplib speaks), is final: each retry would log in the same way and be refused the same way,
for hours, before the delivery became a dead letter anyway. The reason names the server, the
account and what to mend. A login refused for now (454) is retried."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from scripted_smtp import Scripted

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker, Outgoing, RetryPolicy
from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.model.message import Message
from complaintkit.notify.smtp import SmtpNotifier
from complaintkit.storage.memory import MemoryStorage
from loopback import started

servers = pytest.fixture(started, name="servers")


def attempt(servers: list[Scripted], answers: dict[bytes, bytes]) -> DeliveryFailed:
    server = Scripted(answers)
    servers.append(server)
    notifier = SmtpNotifier(
        sender="care@shop.example",
        host="127.0.0.1",
        port=server.port,
        timeout=5,
        username="care-bot",
        password="pw",
    )
    with pytest.raises(DeliveryFailed) as caught:
        notifier.send(Message(to="sam@example.com", subject="s", body="b", delivery_id="d-1"))
    assert server.ends == 0
    assert f"smtp 127.0.0.1:{server.port}: " in str(caught.value)
    return caught.value


@pytest.mark.parametrize("reply", [b"535 5.7.8 bad credentials", b"534 5.7.9 too weak"])
def test_a_login_refused_for_good_is_final(servers: list[Scripted], reply: bytes) -> None:
    failed = attempt(servers, {b"AUTH": reply + b"\r\n"})
    assert failed.final
    reason = str(failed)
    assert reply.decode() in reason
    assert "'care-bot'" in reason
    assert "password" in reason
    assert "outbox requeue" in reason


def test_a_login_refused_for_now_is_retried(servers: list[Scripted]) -> None:
    failed = attempt(servers, {b"AUTH": b"454 4.7.0 try later\r\n"})
    assert not failed.final
    assert "454 4.7.0 try later" in str(failed)


def test_a_server_offering_no_login_is_final(servers: list[Scripted]) -> None:
    failed = attempt(servers, {b"EHLO": b"250-mail.test\r\n250 SIZE 100000\r\n"})
    assert failed.final
    assert "AUTH" in str(failed)
    assert "starttls" in str(failed)


def test_a_server_offering_no_mechanism_smtplib_speaks_is_final(
    servers: list[Scripted],
) -> None:
    failed = attempt(servers, {b"EHLO": b"250-mail.test\r\n250 AUTH GSSAPI NTLM\r\n"})
    assert failed.final
    assert "GSSAPI NTLM" in str(failed)


def test_a_wrong_password_is_one_attempt_and_one_dead_letter(servers: list[Scripted]) -> None:
    server = Scripted({b"AUTH": b"535 5.7.8 bad credentials\r\n"})
    servers.append(server)
    clock = ManualClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    storage = MemoryStorage()
    message = Message(to="sam@example.com", subject="受理", body="已收到。", case_id="CK-1")
    storage.enqueue([Outgoing.message("mail", message, clock.now())])
    notifier = SmtpNotifier(
        sender="care@shop.example", host="127.0.0.1", port=server.port, username="u", password="p"
    )
    worker = DeliveryWorker(storage, {"mail": notifier}, clock, retry=RetryPolicy(attempts=8))
    assert worker.run_once().dead == 1
    (delivery,) = storage.deliveries("dead")
    assert delivery.attempts == 1
    assert delivery.last_error.startswith("gave up after 1 attempt(s): ")
    assert len(storage.dead_letters()) == 1

# ruff: noqa: RUF001 -- Chinese test text uses full-width punctuation on purpose
"""Mail through the outbox to a real SMTP server on loopback that hangs up in the middle
of a message, or refuses it: nothing is lost and nothing is sent twice. A message the
server never accepted (no ``250`` after its end) is retried until it is, under the same
Message-ID; one refused for good is a dead letter at once; one that never gets through is
a dead letter after the last attempt — in every case the outbox ends delivered or dead."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from io import BufferedReader
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.policies import MINIMAL_POLICY
from loopback import LoopbackServer


class ScriptedServer(LoopbackServer):
    """An SMTP server answering each connection by the next of ``plan``: ``hang_up`` (close
    the connection after the first line of the message), ``keep_and_hang_up`` (keep the
    whole message, then close the connection before answering it), ``refuse`` (554 to the
    message) or ``accept``; once the plan is used up, ``accept``. Keeps every message it
    accepted, and every one it kept without answering."""

    def __init__(self, plan: list[str]) -> None:
        self.plan = plan
        self.accepted: list[EmailMessage] = []
        self.sessions = 0
        super().__init__()

    def serve(self, connection: socket.socket) -> None:
        self.sessions += 1
        with connection.makefile("rb") as lines:
            self._session(connection, lines, self.plan.pop(0) if self.plan else "accept")

    def _session(self, connection: socket.socket, lines: BufferedReader, how: str) -> None:
        connection.sendall(b"220 mail.test ESMTP\r\n")
        while line := lines.readline():
            verb = line[:4].upper()
            if verb == b"EHLO":
                connection.sendall(b"250-mail.test\r\n250 8BITMIME\r\n")
            elif verb in (b"MAIL", b"RCPT", b"RSET"):
                connection.sendall(b"250 OK\r\n")
            elif verb == b"DATA":
                connection.sendall(b"354 go ahead\r\n")
                if how == "hang_up":
                    lines.readline()
                    connection.shutdown(socket.SHUT_RDWR)
                    return
                data = b"".join(iter(lines.readline, b".\r\n"))
                if how == "keep_and_hang_up":
                    self.accepted.append(
                        email.message_from_bytes(data, EmailMessage, policy=email.policy.default)
                    )
                    connection.shutdown(socket.SHUT_RDWR)
                    return
                if how == "refuse":
                    connection.sendall(b"554 5.7.1 message refused\r\n")
                    continue
                self.accepted.append(
                    email.message_from_bytes(data, EmailMessage, policy=email.policy.default)
                )
                connection.sendall(b"250 queued\r\n")
            elif verb == b"QUIT":
                connection.sendall(b"221 bye\r\n")
                return
            else:
                connection.sendall(b"500 unknown command\r\n")


POLICY = (
    MINIMAL_POLICY
    + """\
templates:
  ack:
    zh: {subject: "您的投诉已受理：{case.subject}", body: "{customer.name}您好，我们已收到。"}
notifications:
  notifiers:
    mail: {type: smtp, options: {sender: "客服 <care@shop.example>", host: 127.0.0.1, port: PORT}}
  delivery: {attempts: 3, backoff: 30}
  rules:
    - {"on": opened, notify: [customer], via: mail, template: ack}
"""
)


@pytest.fixture
def server(request: pytest.FixtureRequest) -> Iterator[ScriptedServer]:
    scripted = ScriptedServer(list(request.param))
    try:
        yield scripted
    finally:
        scripted.close()


def _desk(tmp_path: Path, port: int) -> tuple[Desk, ManualClock]:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY.replace("PORT", str(port)), encoding="utf-8")
    clock = ManualClock(datetime(2026, 12, 3, 2, tzinfo=UTC))
    desk = Desk(load_policy(path), storage=f"sqlite:///{tmp_path / 'cases.db'}", clock=clock)
    desk.intake(
        {
            "channel": "web",
            "external_id": "M-1",
            "received_at": "2026-12-03T09:30:00+08:00",
            "subject": "快递丢了 — Ünïcode",
            "customer": {"id": "c1", "name": "王芳", "contact": "王芳 <wang@example.cn>"},
            "text": "快递丢了",
            "language": "zh",
        }
    )
    return desk, clock


def _deliver_for_a_day(desk: Desk, clock: ManualClock) -> None:
    for _ in range(24):
        desk.deliver()
        clock.advance(timedelta(hours=1))


@pytest.mark.parametrize("server", [["hang_up"], ["hang_up", "hang_up"]], indirect=True)
def test_a_message_cut_off_mid_way_is_sent_again_and_arrives_once(
    tmp_path: Path, server: ScriptedServer
) -> None:
    desk, clock = _desk(tmp_path, server.port)
    first = desk.deliver()
    assert (first.delivered, first.retrying) == (0, 1)
    (pending,) = desk.storage.deliveries("pending")
    assert f"smtp 127.0.0.1:{server.port}" in pending.last_error
    _deliver_for_a_day(desk, clock)
    (delivered,) = desk.storage.deliveries("delivered")
    assert not desk.storage.deliveries("pending")
    assert not desk.storage.dead_letters()
    (mail,) = server.accepted
    assert server.sessions == delivered.attempts
    assert mail["Subject"] == "您的投诉已受理：快递丢了 — Ünïcode"
    assert mail["To"] == "王芳 <wang@example.cn>"
    assert mail["From"] == "客服 <care@shop.example>"
    assert mail["Message-ID"] == f"<{delivered.outgoing.delivery_id}@shop.example>"
    assert mail.get_content().strip() == "王芳您好，我们已收到。"


@pytest.mark.parametrize("server", [["hang_up"] * 3], indirect=True)
def test_a_message_never_taken_is_a_dead_letter_after_the_last_attempt(
    tmp_path: Path, server: ScriptedServer
) -> None:
    desk, clock = _desk(tmp_path, server.port)
    _deliver_for_a_day(desk, clock)
    (dead,) = desk.storage.deliveries("dead")
    assert dead.attempts == 3
    (letter,) = desk.storage.dead_letters()
    assert letter.source == f"notify:mail:{dead.outgoing.delivery_id}"
    assert "gave up after 3 attempt(s)" in letter.reason
    assert not server.accepted


@pytest.mark.parametrize("server", [["refuse"]], indirect=True)
def test_a_message_refused_for_good_is_a_dead_letter_at_once_and_never_resent(
    tmp_path: Path, server: ScriptedServer
) -> None:
    desk, clock = _desk(tmp_path, server.port)
    _deliver_for_a_day(desk, clock)
    (dead,) = desk.storage.deliveries("dead")
    assert dead.attempts == 1
    (letter,) = desk.storage.dead_letters()
    assert "554" in letter.reason
    assert not server.accepted
    assert server.sessions == 1


@pytest.mark.parametrize("server", [["keep_and_hang_up"]], indirect=True)
def test_a_message_taken_but_never_answered_is_sent_again_under_the_same_message_id(
    tmp_path: Path, server: ScriptedServer
) -> None:
    """The server kept the whole message but hung up before its 250: whether it will deliver
    it cannot be known, so it is sent again (at least once, never lost), under the same
    Message-ID, by which a receiver drops the repeat; docs/delivery.md says so."""
    desk, clock = _desk(tmp_path, server.port)
    first = desk.deliver()
    assert (first.delivered, first.retrying) == (0, 1)
    _deliver_for_a_day(desk, clock)
    (delivered,) = desk.storage.deliveries("delivered")
    assert delivered.attempts == 2
    assert not desk.storage.dead_letters()
    assert len(server.accepted) == 2
    assert {mail["Message-ID"] for mail in server.accepted} == {
        f"<{delivered.outgoing.delivery_id}@shop.example>"
    }

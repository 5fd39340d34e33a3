"""Mail through the outbox to a real SMTP server on loopback that misbehaves at any step of
any session — hangs up, answers 4xx or 5xx (one line or several), or a 2xx other than
250 — while the worker is restarted at random between passes. Whatever it does, a message
the server accepted is sent no more (one acceptance per delivery id), one it never accepted
is never counted delivered, and a delivery given up is one dead letter whose reason says
after how many attempts and names the server (host and port)."""

from __future__ import annotations

import contextlib
import email
import email.policy
import socket
from collections import Counter
from datetime import UTC, datetime, timedelta
from io import BufferedReader

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker, Outgoing, RetryPolicy
from complaintkit.model.message import Message
from complaintkit.notify.smtp import SmtpNotifier
from complaintkit.storage.memory import MemoryStorage
from loopback import LoopbackServer

#: The steps of a session a server may misbehave at: its greeting, the answer to each
#: command, and the answer to the message's end (``END``).
STEPS = ("GREET", "EHLO", "MAIL", "RCPT", "DATA", "END")
REPLIES = (
    b"421 4.3.2 closing\r\n",
    b"451 4.7.1 greylisted\r\n",
    b"452-4.3.1 mailbox\r\n452 4.3.1 full\r\n",
    b"550 5.1.1 no such user\r\n",
    b"554-5.7.1 looks like\r\n554 5.7.1 spam\r\n",
    b"251 2.1.5 will forward\r\n",
    b"252 2.1.5 cannot verify\r\n",
)
#: Per session: ``("ok", None, None)``, ``("hang_up", step, None)`` or ``("reply", step,
#: answer)``; once a test's plan is used up, sessions are ok.
Session = tuple[str, str | None, bytes | None]
sessions = st.one_of(
    st.tuples(st.just("reply"), st.sampled_from(STEPS), st.sampled_from(REPLIES)),
    st.tuples(st.just("hang_up"), st.sampled_from(STEPS), st.none()),
    st.just(("ok", None, None)),
)
ANSWERS = {
    b"EHLO": b"250-mail.test\r\n250-8BITMIME\r\n250 SIZE 100000\r\n",
    b"MAIL": b"250 2.1.0 ok\r\n",
    b"RCPT": b"250 2.1.5 ok\r\n",
    b"RSET": b"250 ok\r\n",
}


class Server(LoopbackServer):
    """Serves each connection by the next session of ``plan``; counts, per Message-ID, the
    messages it accepted (a 2xx after their end)."""

    def __init__(self) -> None:
        self.plan: list[Session] = []
        self.accepted: Counter[str] = Counter()
        super().__init__()

    def serve(self, connection: socket.socket) -> None:
        session = self.plan.pop(0) if self.plan else ("ok", None, None)
        # the client may hang up first
        with connection.makefile("rb") as lines, contextlib.suppress(OSError):
            self._session(connection, lines, session)

    def _session(self, connection: socket.socket, lines: BufferedReader, how: Session) -> None:
        kind, at, reply = how

        def misbehaves(step: str) -> bool:
            """Whether ``step`` is the one this session misbehaves at (having done so)."""
            if kind == "ok" or step != at:
                return False
            if kind == "hang_up":
                connection.shutdown(socket.SHUT_RDWR)
            else:
                connection.sendall(reply or b"")
            return True

        if not misbehaves("GREET"):
            connection.sendall(b"220-mail.test\r\n220 ESMTP\r\n")
        elif kind == "hang_up":
            return
        while line := lines.readline():
            verb = line[:4].upper()
            step = "EHLO" if verb == b"HELO" else verb.decode("ascii", "replace")
            if verb == b"QUIT":
                connection.sendall(b"221 bye\r\n")
                return
            if step in STEPS and misbehaves(step):
                if kind == "hang_up":
                    return
                continue
            if verb != b"DATA":
                connection.sendall(ANSWERS.get(verb, b"502 5.5.1 unknown\r\n"))
                continue
            connection.sendall(b"354 go ahead\r\n")
            data = b"".join(iter(lines.readline, b".\r\n"))
            message_id = str(
                email.message_from_bytes(data, policy=email.policy.default)["Message-ID"]
            )
            if misbehaves("END"):
                if kind == "hang_up":
                    return
                if (reply or b"").startswith(b"2"):
                    self.accepted[message_id] += 1
                continue
            self.accepted[message_id] += 1
            connection.sendall(b"250 2.0.0 queued\r\n")


def test_a_misbehaving_server_gets_each_message_once_at_most() -> None:
    server = Server()
    clock = ManualClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    notifier = SmtpNotifier(sender="客服 <care@shop.example>", host="127.0.0.1", port=server.port)

    @settings(max_examples=100, deadline=None)
    @given(
        plan=st.lists(sessions, min_size=1, max_size=10),
        queued=st.integers(1, 3),
        restarts=st.lists(st.booleans(), min_size=6, max_size=6),
    )
    def each_once(plan: list[Session], queued: int, restarts: list[bool]) -> None:
        server.plan, server.accepted = list(plan), Counter()
        storage = MemoryStorage()
        storage.enqueue(
            [
                Outgoing.message(
                    "mail",
                    Message(to=f"c{n}@example.cn", subject="受理", body="已收到。", case_id="CK-1"),
                    clock.now(),
                )
                for n in range(queued)
            ]
        )

        def worker() -> DeliveryWorker:
            retry = RetryPolicy(attempts=4, backoff=30, max_backoff=600)
            return DeliveryWorker(storage, {"mail": notifier}, clock, retry=retry)

        running = worker()
        for restart in restarts:
            running = worker() if restart else running
            running.run_once()
            clock.advance(timedelta(minutes=15))  # past the longest wait
        deliveries = storage.deliveries()
        # 6 passes, 4 attempts: what a longer plan has not let through may still be pending
        assert len(plan) >= 4 or all(d.state != "pending" for d in deliveries)
        for delivery in deliveries:
            accepted = server.accepted[f"<{delivery.outgoing.delivery_id}@shop.example>"]
            assert accepted == (1 if delivery.state == "delivered" else 0)
            if delivery.state == "dead":
                assert delivery.last_error.startswith("gave up after ")
                assert f"smtp 127.0.0.1:{server.port}: " in delivery.last_error
        letters = storage.dead_letters()
        assert sorted(letter.source for letter in letters) == sorted(
            d.outgoing.dead_letter_source for d in deliveries if d.state == "dead"
        )

    try:
        each_once()
    finally:
        server.close()

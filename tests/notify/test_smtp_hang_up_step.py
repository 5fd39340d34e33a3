"""A server that hangs up mid-session is told with the step it hung up at: 'Connection
unexpectedly closed' alone left the operator to guess whether the server took no
connection from this machine (before its greeting), refused the sender or the recipient
in silence (after MAIL FROM or RCPT TO) or dropped the message (after DATA). Retried."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from scripted_smtp import HANG_UP, Scripted, failure_sending_to

STEPS = {
    b"": "hung up before its greeting",
    b"EHLO": "hung up after EHLO",
    b"MAIL": "hung up after MAIL FROM",
    b"RCPT": "hung up after RCPT TO",
    b"DATA": "hung up after DATA",
}


@pytest.fixture(params=sorted(STEPS))
def hanging_up(request: pytest.FixtureRequest) -> Iterator[tuple[Scripted, str]]:
    """A server that answers well until the step's command comes, then hangs up."""
    verb = request.param
    server = Scripted({verb: HANG_UP}) if verb else Scripted({}, greeting=HANG_UP)
    try:
        yield server, STEPS[request.param]
    finally:
        server.close()


def test_a_hang_up_names_its_step(hanging_up: tuple[Scripted, str]) -> None:
    server, step = hanging_up
    failure = failure_sending_to(server)
    assert str(failure).startswith(f"smtp 127.0.0.1:{server.port}: the server {step}")
    assert not failure.final


def test_a_refused_ehlo_then_a_hang_up_keeps_the_servers_words() -> None:
    """smtplib tries HELO after a refused EHLO; the server had hung up, and the reason
    named the hang-up after HELO alone, losing why the server refused this machine."""
    # refused for good, as a server refusing a listed address does, and hung up
    server = Scripted(
        {b"EHLO": b"554 5.7.1 your address is listed at zen.example\r\n", b"HELO": HANG_UP}
    )
    try:
        failure = failure_sending_to(server)
    finally:
        server.close()
    reason = str(failure)
    assert reason.startswith(f"smtp 127.0.0.1:{server.port}: refused the greeting: 554 ")
    assert "your address is listed at zen.example" in reason
    assert not failure.final

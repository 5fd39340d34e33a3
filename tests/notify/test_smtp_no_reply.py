"""A server answering with what is no SMTP reply (no three-digit code: an SSH or HTTP server
on the notifier's port, a broken relay) is told as that, quoting its words whole and naming
the step it answered. It was told as a refusal with the code -1, which no server sends, and
its words cut by four characters ('refused the connection: -1 2.0-OpenSSH_9.6',
'refused the recipient sam@example.com: -1 o'). Such an attempt is retried."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from scripted_smtp import Scripted, failure_sending_to

CASES = {
    "greeting": (b"SSH-2.0-OpenSSH_9.6\r\n", {}, "its greeting", "SSH-2.0-OpenSSH_9.6"),
    "http": (b"HTTP/1.1 400 Bad Request\r\n\r\n", {}, "its greeting", "HTTP/1.1 400 Bad Request"),
    "ehlo": (
        b"220 hi\r\n",
        {b"EHLO": b"whatever\r\n", b"HELO": b"whatever\r\n"},
        "EHLO",
        "whatever",
    ),
    "mail": (b"220 hi\r\n", {b"MAIL": b"fine\r\n"}, "MAIL FROM", "fine"),
    "rcpt": (b"220 hi\r\n", {b"RCPT": b"hello\r\n"}, "RCPT TO", "hello"),
}


@pytest.fixture(params=sorted(CASES))
def answering(request: pytest.FixtureRequest) -> Iterator[tuple[Scripted, str, str]]:
    greeting, answers, step, said = CASES[request.param]
    server = Scripted(answers, greeting)
    try:
        yield server, step, said
    finally:
        server.close()


def test_words_that_are_no_reply_are_quoted_whole_at_their_step(
    answering: tuple[Scripted, str, str],
) -> None:
    server, step, said = answering
    failure = failure_sending_to(server)
    reason = str(failure)
    assert reason.startswith(f"smtp 127.0.0.1:{server.port}: answered {step}")
    assert f"with what is no SMTP reply: {said!r}" in reason
    assert "-1" not in reason
    assert "port" in reason  # what to check
    assert not failure.final


@pytest.mark.parametrize("verb", [b"EHLO", b"MAIL", b"RCPT"])
def test_a_line_too_long_to_be_a_reply_is_told_as_such(verb: bytes) -> None:
    """smtplib refuses a reply line of more than 8192 bytes with a 500 of its own making:
    it was told as the server's refusal ('answered: 500 …'), naming no step."""
    step = {b"EHLO": "EHLO", b"MAIL": "MAIL FROM", b"RCPT": "RCPT TO"}[verb]
    server = Scripted({verb: b"250 " + b"x" * 20_000 + b"\r\n"}, b"220 hi\r\n")
    try:
        failure = failure_sending_to(server)
    finally:
        server.close()
    reason = str(failure)
    assert reason.startswith(f"smtp 127.0.0.1:{server.port}: answered {step} with a line of ")
    assert "which is no SMTP reply: '250 xxx" in reason
    assert " 500 " not in reason
    assert not failure.final

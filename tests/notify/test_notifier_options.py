"""A notifier's options are checked when the policy's notifiers are built. A ``timeout`` no
socket or timer takes (NaN, 0, negative, infinite, centuries) failed every attempt with
the socket's words, and an infinite one left a traceback of the timer thread on stderr."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from complaintkit.errors import ConfigError
from complaintkit.notify.base import Message
from complaintkit.notify.log import LogNotifier
from complaintkit.notify.smtp import SmtpNotifier
from complaintkit.notify.webhook import WebhookNotifier


def build(kind: str, timeout: Any) -> object:
    if kind == "smtp":
        return SmtpNotifier(sender="care@shop.example", timeout=timeout)
    return WebhookNotifier(url="http://127.0.0.1:9/hook", timeout=timeout)


@pytest.mark.parametrize("kind", ["smtp", "webhook"])
@pytest.mark.parametrize("timeout", ["nan", "-1", 0, "inf", "1e400", 1e12, "soon", True, None])
def test_a_timeout_no_attempt_can_keep_is_a_config_error(kind: str, timeout: Any) -> None:
    with pytest.raises(ConfigError, match="timeout") as caught:
        build(kind, timeout)
    assert kind in str(caught.value)


@pytest.mark.parametrize("kind", ["smtp", "webhook"])
@pytest.mark.parametrize("timeout", ["5", 2.5, 30, "0.5", 3600])
def test_a_sensible_timeout_is_taken(kind: str, timeout: Any) -> None:
    assert build(kind, timeout).timeout == float(timeout)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "sender", ["a@b.example, c@d.example", "care@shop.example\r\nBcc: x@y.example", "care@", "care"]
)
def test_a_sender_that_is_not_one_address_is_a_config_error(sender: str) -> None:
    """Taken as it was, it failed every message at its first attempt, in the words of the
    e-mail library (a linefeed in a header), or sent From two addresses."""
    with pytest.raises(ConfigError, match="sender"):
        SmtpNotifier(sender=sender)


@pytest.mark.parametrize(
    ("sender", "header", "message_id"),
    [
        ("care@bücher.example", "care@xn--bcher-kva.example", "<d-1@xn--bcher-kva.example>"),
        ("客服 <care@shop.example>", "客服 <care@shop.example>", "<d-1@shop.example>"),
        ("care@shop.example (Care)", "care@shop.example", "<d-1@shop.example>"),
    ],
)
def test_the_sender_is_written_as_one_clean_address(
    sender: str, header: str, message_id: str
) -> None:
    """A sender's domain that is not ASCII failed every message ('ascii' codec can't
    encode); a comment after the address ended up inside the Message-ID."""
    mail = SmtpNotifier(sender=sender).email(
        Message(to="sam@example.com", subject="s", body="b", delivery_id="d-1")
    )
    mail.as_bytes()
    assert str(mail["From"]) == header
    assert str(mail["Message-ID"]) == message_id


@pytest.mark.parametrize("port", ["abc", -1, 0, 70000, "25.5", None])
def test_a_port_no_server_listens_on_is_a_config_error(port: Any) -> None:
    with pytest.raises(ConfigError, match="port"):
        SmtpNotifier(sender="care@shop.example", port=port)


@pytest.mark.parametrize("port", ["25", 587, "2525"])
def test_a_port_is_taken_as_a_number(port: Any) -> None:
    assert SmtpNotifier(sender="care@shop.example", port=port).port == int(port)


def test_the_log_notifier_writes_a_customers_subject_inert_on_one_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A log line reaches an operator's terminal (the CLI's stderr shows warnings): an
    escape sequence in a subject cleared it, and a line break forged another line."""
    notifier = LogNotifier(level="WARNING")
    subject = "退款 \x1b[2J\x1b]0;pwned\x07\nnotify customer forged@example.com about CK-2"
    with caplog.at_level(logging.WARNING, logger="complaintkit.notify"):
        notifier.send(Message(to="王芳 <wf@example.cn>\x1b[1m", subject=subject, body="b"))
    (record,) = caplog.records
    line = record.getMessage()
    assert "\x1b" not in line
    assert "\x07" not in line
    assert "\n" not in line
    assert "退款" in line

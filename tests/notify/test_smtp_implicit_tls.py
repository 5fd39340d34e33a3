"""SMTP over TLS from the first byte (``implicit_tls: yes``, SMTPS, RFC 8314), as many
providers offer on port 465 alone (QQ Mail, 163, Aliyun): a loopback aiosmtpd speaking TLS
at once, with a test certificate the client is told to trust or not."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from test_smtp_starttls import CERT, KEY, Inbox

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.errors import ConfigError
from complaintkit.notify.base import Message
from complaintkit.notify.smtp import SmtpNotifier, ungreeted
from smtp_inbox import receiving


@contextmanager
def smtps(inbox: Inbox, **options: Any) -> Iterator[int]:
    """A server that speaks TLS from its first byte, as SMTPS does."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(CERT, KEY)
    with receiving(inbox, ssl_context=context, **options) as (_, port):
        yield port


def send(port: int, timeout: float = 10, **options: Any) -> None:
    notifier = SmtpNotifier(
        sender="care@shop.example", host="localhost", port=port, timeout=timeout, **options
    )
    notifier.send(
        Message(to="wf@example.cn", subject="您的投诉已受理", body="正文", delivery_id="d-1")
    )


def test_a_mail_goes_through_implicit_tls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(CERT))  # the client trusts the test certificate
    inbox = Inbox()
    with smtps(inbox) as port:
        send(port, implicit_tls="yes")
    (arrived,) = inbox.arrived
    assert arrived.rcpt_tos == ["wf@example.cn"]
    assert arrived.original_content is not None
    assert "您的投诉已受理".encode() not in arrived.original_content  # an encoded word


def test_a_server_stalling_over_implicit_tls_fails_the_attempt_for_a_retry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The watchdog bounds the attempt on the TLS socket it carries from the first byte."""
    monkeypatch.setenv("SSL_CERT_FILE", str(CERT))
    with smtps(Inbox(stall=30)) as port, pytest.raises(DeliveryFailed, match="no answer") as info:
        send(port, timeout=1, implicit_tls="yes")
    assert info.value.final is False


def test_an_untrusted_certificate_says_what_to_mend_and_is_retried(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    inbox = Inbox()
    with smtps(inbox) as port, pytest.raises(DeliveryFailed) as info:
        send(port, implicit_tls="yes")
    assert "not trusted on this machine" in str(info.value)
    assert not info.value.final
    assert inbox.arrived == []


def test_a_server_without_tls_gets_nothing_in_clear_and_is_told_so() -> None:
    """``implicit_tls: yes`` and a server greeting in clear text: nothing is sent, the
    reason names the option and the one for a server without TLS at the start."""
    inbox = Inbox()
    with receiving(inbox) as (_, port), pytest.raises(DeliveryFailed) as info:
        send(port, implicit_tls="yes")
    said = str(info.value)
    assert said.startswith(f"smtp localhost:{port}: it speaks no TLS there")
    assert "implicit_tls: yes" in said
    assert "implicit_tls: no" in said
    assert not info.value.final
    assert inbox.arrived == []


def test_starttls_and_implicit_tls_together_are_a_config_error() -> None:
    with pytest.raises(ConfigError, match=r"starttls.*implicit_tls|implicit_tls.*starttls"):
        SmtpNotifier(sender="care@shop.example", starttls="yes", implicit_tls="yes")


@pytest.mark.parametrize(("value", "wanted"), [("yes", True), ("On", True), ("no", False)])
def test_implicit_tls_is_read_as_yes_or_no(value: str, wanted: bool) -> None:
    notifier = SmtpNotifier(sender="care@shop.example", implicit_tls=value)
    assert notifier.implicit_tls is wanted


def test_implicit_tls_that_is_neither_yes_nor_no_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="implicit_tls"):
        SmtpNotifier(sender="care@shop.example", implicit_tls="465")


def test_a_login_over_implicit_tls_to_a_remote_server_is_allowed() -> None:
    """The password crosses the network encrypted, as after STARTTLS; without either it is
    refused at build."""

    def remote(implicit_tls: str = "no") -> SmtpNotifier:
        return SmtpNotifier(
            sender="care@shop.example",
            host="smtp.qq.com",
            port=465,
            username="care",
            password="secret",
            implicit_tls=implicit_tls,
        )

    assert remote(implicit_tls="yes").implicit_tls
    with pytest.raises(ConfigError, match="clear text"):
        remote()


def test_a_silent_smtps_port_points_at_implicit_tls() -> None:
    """A notifier without TLS at the start, on a server that waits for a handshake, is told
    the option that makes one."""
    said = ungreeted("smtp.qq.com", 465, 30)
    assert "implicit_tls: yes" in said
    assert said.index("implicit_tls: yes") < said.index("slow to greet")

"""The SMTP notifier never sends its login over a connection anyone on the way can read: a
``username`` with ``starttls`` off logged in in clear text (AUTH PLAIN is the password in
base64). That is refused when the notifiers are built, unless the server is on this
machine or the policy says ``plaintext_login: yes``."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword

from complaintkit.errors import ConfigError
from complaintkit.notify.base import Message
from complaintkit.notify.smtp import SmtpNotifier
from smtp_inbox import receiving


class Inbox:
    def __init__(self) -> None:
        self.arrived: list[Envelope] = []
        self.logins: list[bytes] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Envelope) -> str:
        self.arrived.append(envelope)
        return "250 OK"

    def authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        assert isinstance(data, LoginPassword)
        self.logins.append(data.login)
        return AuthResult(success=data.password == b"s3cret")


@pytest.fixture
def server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    with receiving(inbox, authenticator=inbox.authenticate, auth_require_tls=False) as server:
        yield server


@pytest.mark.parametrize("host", ["smtp.example.com", "10.0.0.25", "localhost.example.com"])
def test_a_login_over_a_connection_in_clear_is_a_config_error(host: str) -> None:
    with pytest.raises(ConfigError, match="starttls"):
        SmtpNotifier(sender="care@shop.example", host=host, username="care", password="s3cret")


@pytest.mark.parametrize("host", ["smtp.example.com", "10.0.0.25"])
def test_a_login_after_starttls_or_said_to_be_wanted_in_clear_is_taken(host: str) -> None:
    SmtpNotifier(sender="c@shop.example", host=host, username="c", password="p", starttls="yes")
    notifier = SmtpNotifier(
        sender="c@shop.example", host=host, username="c", password="p", plaintext_login="yes"
    )
    assert notifier.plaintext_login


def test_no_login_needs_no_encryption() -> None:
    SmtpNotifier(sender="care@shop.example", host="smtp.example.com")


def test_plaintext_login_is_yes_or_no() -> None:
    with pytest.raises(ConfigError, match="plaintext_login"):
        SmtpNotifier(sender="care@shop.example", plaintext_login="maybe")


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "LocalHost"])
def test_a_server_on_this_machine_is_logged_into_in_clear(
    server: tuple[Inbox, int], host: str
) -> None:
    inbox, port = server
    notifier = SmtpNotifier(
        sender="care@shop.example", host=host, port=port, username="care", password="s3cret"
    )
    notifier.send(Message(to="wf@example.cn", subject="受理", body="正文", delivery_id="d-1"))
    (arrived,) = inbox.arrived
    assert inbox.logins == [b"care"]
    assert isinstance(arrived.content, bytes)
    parsed = email.message_from_bytes(arrived.content, policy=email.policy.default)
    assert parsed["To"] == "wf@example.cn"


@pytest.mark.parametrize("host", ["::1", "127.0.0.2", "[::1]"])
def test_every_loopback_address_counts_as_this_machine(host: str) -> None:
    SmtpNotifier(sender="care@shop.example", host=host, username="care", password="s3cret")

"""A TLS handshake that fails says what to mend, naming the notifier's server: a certificate
this machine does not trust (add its CA, or SSL_CERT_FILE), one out of date (have it
renewed), one for another name (reach the server by its name), a server that speaks no TLS
where TLS was asked for (its port, or no TLS) — not OpenSSL's words alone. Such a failure is
still retried: the server's side may be mended meanwhile."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify import webhook
from complaintkit.notify.base import Message
from complaintkit.notify.smtp import SmtpNotifier
from complaintkit.notify.tls_trouble import tls_trouble
from complaintkit.notify.webhook import WebhookNotifier
from complaintkit.testing.server import free_port
from loopback import serving

FIXTURES = Path(__file__).parent.parent / "fixtures"
CERT, KEY = FIXTURES / "smtp_tls_cert.pem", FIXTURES / "smtp_tls_key.pem"
MESSAGE = Message(to="ops@shop.example", subject="s", body="b", delivery_id="d-1")


class _Taking(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def _server_context() -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(CERT, KEY)
    return context


@pytest.fixture
def untrusting(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This machine trusts the public CAs only, not the test certificate."""
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    webhook._opener.cache_clear()  # its TLS context read the trust store once
    yield
    webhook._opener.cache_clear()


@pytest.fixture
def receiver(request: pytest.FixtureRequest) -> Iterator[int]:
    """An HTTP receiver on loopback, speaking TLS when the test's param says so; its port."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Taking)
    if request.param:
        server.socket = _server_context().wrap_socket(server.socket, server_side=True)
    with serving(server):
        yield server.server_port


@pytest.mark.usefixtures("untrusting")
@pytest.mark.parametrize(
    ("receiver", "host", "what_to_mend"),
    [
        (True, "localhost", ["not trusted on this machine", "SSL_CERT_FILE"]),
        (False, "127.0.0.1", ["speaks no TLS", "http://"]),
    ],
    ids=["certificate not trusted here", "receiver speaking no TLS"],
    indirect=["receiver"],
)
def test_a_webhook_tls_failure_says_what_to_mend(
    receiver: int, host: str, what_to_mend: list[str]
) -> None:
    with pytest.raises(DeliveryFailed) as caught:
        WebhookNotifier(url=f"https://{host}:{receiver}/hook", timeout=5).send(MESSAGE)
    reason = str(caught.value)
    assert reason.startswith(f"webhook https://{host}:{receiver}/…: ")
    for words in what_to_mend:
        assert words in reason
    assert not caught.value.final


class _Inbox:
    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        return "250 OK"


@pytest.mark.usefixtures("untrusting")
def test_a_mail_server_certificate_not_trusted_here_says_so() -> None:
    port = free_port()
    controller = Controller(
        _Inbox(), hostname="127.0.0.1", port=port, tls_context=_server_context()
    )
    controller.start()
    try:
        notifier = SmtpNotifier(
            sender="care@shop.example", host="localhost", port=port, starttls="yes", timeout=5
        )
        with pytest.raises(DeliveryFailed) as caught:
            notifier.send(MESSAGE)
    finally:
        controller.stop()
    reason = str(caught.value)
    assert reason.startswith(f"smtp localhost:{port}: ")
    assert "not trusted on this machine" in reason
    assert not caught.value.final


@pytest.mark.parametrize(
    ("code", "words"), [(10, "out of date"), (9, "out of date"), (62, "another name")]
)
def test_a_certificate_refused_for_its_dates_or_name_says_what_to_mend(
    code: int, words: str
) -> None:
    refused = ssl.SSLCertVerificationError(1, "certificate verify failed")
    refused.verify_code, refused.verify_message = code, "as OpenSSL words it"
    said = tls_trouble(OSError("wrapped"), "starttls: yes", "starttls: no")
    assert said is None
    wrapped = OSError("urlopen error")
    wrapped.__cause__ = refused
    said = tls_trouble(wrapped, "the URL's https", "an http:// URL")
    assert said is not None
    assert words in said
    assert "as OpenSSL words it" in said

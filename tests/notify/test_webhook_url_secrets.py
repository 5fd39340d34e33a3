"""A webhook URL's secret part stays out of failures: many receivers take their key in the
URL (DingTalk's ``?access_token=``, WeCom's ``?key=``, Feishu's and Slack's hook path),
and a failure's text is the outbox's last error, a dead letter's reason and a log line."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.errors import ConfigError
from complaintkit.notify.base import Message
from complaintkit.notify.webhook import WebhookNotifier
from loopback import serving

KEY = "7f3e9c1a5b2d4e6f8a0b"
MESSAGE = Message(to="ops", subject="s", body="b", case_id="CK-1", event="e", delivery_id="d")


class _Failing(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(503)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def port() -> Iterator[int]:
    with serving(ThreadingHTTPServer(("127.0.0.1", 0), _Failing)) as server:
        yield server.server_address[1]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize(
    "where", [f"/robot/send?access_token={KEY}", f"/open-apis/bot/v2/hook/{KEY}", f"/h#{KEY}"]
)
def test_a_failed_attempt_does_not_quote_the_key_in_the_url(port: int, where: str) -> None:
    for url in (f"http://127.0.0.1:{port}{where}", f"http://127.0.0.1:{closed_port()}{where}"):
        with pytest.raises(DeliveryFailed) as caught:
            WebhookNotifier(url=url, timeout=5).send(MESSAGE)
        assert KEY not in str(caught.value)
        assert "127.0.0.1" in str(caught.value)  # which receiver failed is still said


def test_a_url_refused_at_load_does_not_quote_its_key() -> None:
    with pytest.raises(ConfigError, match="url") as caught:
        WebhookNotifier(url=f"http://ops example.com/robot/send?access_token={KEY}")
    assert KEY not in str(caught.value)

"""The webhook notifier left a 4xx or 5xx answer (urllib raises it as an ``HTTPError``
holding the response) unclosed: its connection stayed open until the interpreter happened
to collect the error — at once in CPython when nothing else held it, never while a tracer,
a debugger or a logged traceback did, later under a collecting interpreter (3.13 warns of
it as a ``ResourceWarning``). Every answer is now closed before the attempt ends, whatever
its status. A loopback receiver; a handler in the opener keeps each response, as a tracer
would, to look at it afterwards."""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify import webhook
from complaintkit.notify.base import Message
from complaintkit.notify.http_deadline import build_opener
from loopback import serving


class Answering(BaseHTTPRequestHandler):
    """Answers every POST with the status in its path, and a body."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        body = b"the receiver's own words about it"
        self.send_response(int(self.path.strip("/")))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class Keeping(urllib.request.BaseHandler):
    """Keeps every answer the opener hands on — a 4xx or 5xx as the ``HTTPError`` urllib
    raises, which closes its response when collected — as a tracer or a debugger would."""

    handler_order = 100  # before the handlers that raise a 4xx or 5xx

    def __init__(self) -> None:
        self.kept: list[http.client.HTTPResponse | urllib.error.HTTPError] = []

    def http_response(
        self, request: urllib.request.Request, response: http.client.HTTPResponse
    ) -> http.client.HTTPResponse:
        if response.status < 300:
            self.kept.append(response)
        return response

    def http_error_default(
        self,
        request: urllib.request.Request,
        response: http.client.HTTPResponse,
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
    ) -> None:
        error = urllib.error.HTTPError(request.full_url, code, msg, headers, response)
        self.kept.append(error)
        raise error


@pytest.fixture
def port() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Answering)
    server.daemon_threads = True
    with serving(server):
        yield server.server_address[1]


@pytest.mark.parametrize("status", [204, 301, 404, 429, 500, 503])
def test_every_answer_is_closed_before_the_attempt_ends(
    port: int, status: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    keeping = Keeping()
    monkeypatch.setattr(webhook, "_opener", lambda: build_opener(webhook._NoRedirects(), keeping))
    notifier = webhook.WebhookNotifier(url=f"http://127.0.0.1:{port}/{status}")
    message = Message(to="ops", subject="s", body="b", delivery_id="d-1")
    if status < 300:
        notifier.send(message)
    else:
        with pytest.raises(DeliveryFailed, match=f"HTTP {status}"):
            notifier.send(message)
    (answer,) = keeping.kept
    response = answer.fp if isinstance(answer, urllib.error.HTTPError) else answer
    assert isinstance(response, http.client.HTTPResponse)
    assert response.status == status
    assert response.isclosed()  # its socket given back, not left to the collector

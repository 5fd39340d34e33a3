"""A customer's page answered before its body was read to the end (a form over the size
limit) closes the connection, as the JSON endpoints' 413 does: the unread rest of the body
must not be read as the next request on it."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from complaintkit.api.app import create_app
from complaintkit.api.pages import FORM_MAX_BODY
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.money import Money
from complaintkit.testing.server import running_server
from loopback import loopback_client

POLICY = Path(__file__).resolve().parents[2] / "policies" / "ecommerce" / "online-shop.yaml"
T0 = datetime(2026, 11, 23, 2, tzinfo=UTC)
HTML = {"Accept": "text/html", "Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture(name="served")
def served_fixture(tmp_path: Path) -> Iterator[tuple[str, Desk]]:
    desk = Desk(POLICY, storage=f"sqlite:///{tmp_path / 'c.db'}", clock=ManualClock(T0))
    with running_server(create_app(desk)) as url:
        yield url, desk


def offered(desk: Desk) -> str:
    """The path a customer answers a compensation offer at."""
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "w-1",
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": "c-1"},
            "text": "买的电水壶漏水",
        }
    )
    currency = desk.policy.compensation.currency if desk.policy.compensation else "CNY"
    desk.propose_compensation(case.id, {"refund": Money("80", currency)}, actor="staff.wen")
    desk.offer_compensation(case.id, "comp-1", actor="staff.wen")
    return f"/status/{case.status_token}/offers/comp-1"


@pytest.mark.parametrize("page", ["form", "offer answer"])
def test_a_page_over_the_size_limit_closes_the_connection(
    served: tuple[str, Desk], page: str
) -> None:
    url, desk = served
    path = "/?lang=zh" if page == "form" else offered(desk)
    with loopback_client(base_url=url) as client:
        answer = client.post(path, content=b"text=" + b"x" * FORM_MAX_BODY, headers=HTML)
    assert answer.status_code == 413
    assert answer.headers["connection"] == "close"
    assert answer.headers["content-type"].startswith("text/html")


def test_the_unread_rest_of_a_form_is_not_taken_for_a_request(served: tuple[str, Desk]) -> None:
    """A form over the limit whose rest reads as a request: one answer, then the server
    closes; the complaint hidden in the body's rest is never taken in."""
    url, desk = served
    hidden = (
        b"POST /complaints HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 2\r\n\r\n{}"
    )
    body = b"text=" + b"x" * FORM_MAX_BODY + hidden
    head = (
        f"POST /?lang=zh HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode()
    where = urlsplit(url)
    with socket.create_connection((where.hostname or "127.0.0.1", where.port or 80), 10) as sock:
        sock.sendall(head + body)
        received = b""
        while chunk := sock.recv(65536):  # the server closes the connection
            received += chunk
    assert received.count(b"HTTP/1.1 ") == 1
    assert received.startswith(b"HTTP/1.1 413 ")
    assert b"\r\nconnection: close\r\n" in received.lower()
    assert desk.find() == []

"""``running_server`` believes ``X-Forwarded-For`` from no one unless told whom to, as
``complaintkit serve`` does without ``--forwarded-allow-ips``: a test of what a server counts
per sender (``refusals_kept``) sees the address that connected, not one any client wrote."""

from __future__ import annotations

from typing import Any

from complaintkit.testing.server import running_server
from loopback import loopback_client


async def _echo_client(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """An ASGI app answering with the client address its server gave it."""
    if scope["type"] != "http":
        return
    host = scope["client"][0].encode() if scope.get("client") else b"-"
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": host})


def _seen_from(url: str) -> str:
    with loopback_client(base_url=url) as client:
        return client.get("/", headers={"X-Forwarded-For": "203.0.113.9"}).text


def test_running_server_believes_no_forwarded_header_by_default() -> None:
    with running_server(_echo_client) as url:
        assert _seen_from(url) == "127.0.0.1"


def test_running_server_believes_the_proxies_it_is_given() -> None:
    with running_server(_echo_client, forwarded_allow_ips=("127.0.0.1",)) as url:
        assert _seen_from(url) == "203.0.113.9"

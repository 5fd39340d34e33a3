"""``/openapi.json`` describes the API the server runs: every route and method it answers
and no other, the channel it sets, and the 503 a request may meet when storage is down."""

from __future__ import annotations

from typing import Any

import httpx
from starlette.routing import Route

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server

AGENT = "agent-token-0123456789"


def _served_document(channel: str) -> tuple[dict[str, Any], set[tuple[str, str]], str]:
    app = create_app(Desk(), channel=channel, agent_tokens={AGENT: "li.na"})
    routes = {
        (method, route.path)
        for route in app.routes
        if isinstance(route, Route)
        for method in route.methods or ()
        if method != "HEAD"
    }
    with running_server(app) as url:
        document = httpx.get(f"{url}/openapi.json").json()
        taken = httpx.post(
            f"{url}/complaints",
            json={"channel": channel, "external_id": "OA-1", "customer": {"id": "c"}, "text": "t"},
        )
    return document, routes, str(taken.status_code)


def test_every_route_is_documented_and_every_documented_route_is_served() -> None:
    document, routes, _ = _served_document("http")
    documented = {
        (method.upper(), path)
        for path, operations in document["paths"].items()
        for method in operations
    }
    assert documented == routes
    assert {("GET", "/"), ("POST", "/"), ("POST", "/cases/{case_id}/root-cause")} <= documented


def test_the_documented_channel_is_the_one_the_server_sets() -> None:
    document, _, taken = _served_document("wechat")
    channel = document["components"]["schemas"]["Complaint"]["properties"]["channel"]
    assert channel["const"] == channel["default"] == "wechat"
    assert taken == "201"  # the documented channel is accepted


def test_every_operation_that_reads_the_store_documents_its_503() -> None:
    document, _, _ = _served_document("http")
    storeless = {("get", "/"), ("get", "/openapi.json")}  # the blank form, this document
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if (method, path) not in storeless:
                assert "503" in operation["responses"], (method, path)

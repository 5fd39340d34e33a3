"""``/openapi.json`` describes what the agent-facing endpoints answer, not only what they
take: each answer a real server gives has its status documented for that operation, and
its body fits the documented schema, which lists as required every field the answer holds
(a client generated from the document must be able to read ``case_id`` of a new case)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import jsonschema

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from loopback import loopback_client

AGENT = "agent-token-0123456789"


def _check(document: dict[str, Any], method: str, path: str, response: httpx.Response) -> None:
    operation = document["paths"][path][method]
    status = str(response.status_code)
    assert status in operation["responses"], (method, path, status)
    content = operation["responses"][status].get("content", {})
    assert "application/json" in content, (method, path, status)
    schema = {**content["application/json"]["schema"], "components": document["components"]}
    answer = response.json()
    jsonschema.validate(answer, schema)
    if status.startswith("2"):
        described = schema
        while "$ref" in described:
            name = described["$ref"].rsplit("/", 1)[-1]
            described = document["components"]["schemas"][name]
        assert set(described.get("required", ())) == set(answer), (method, path, status)


def test_each_answer_is_documented_with_the_fields_it_holds() -> None:
    app = create_app(Desk(storage="memory:"), agent_tokens={AGENT: "李娜"})
    agent = {"Authorization": f"Bearer {AGENT}"}
    complaint = {"external_id": "文档-1", "customer": {"id": "客户甲"}, "text": "外卖洒了"}
    with running_server(app) as url, loopback_client(base_url=url) as client:
        document = client.get("/openapi.json").json()
        body = json.dumps(complaint, ensure_ascii=False).encode()
        created = client.post("/complaints", content=body)
        _check(document, "post", "/complaints", created)
        _check(document, "post", "/complaints", client.post("/complaints", content=body))
        other = {**complaint, "text": "另一件事"}
        _check(document, "post", "/complaints", client.post("/complaints", json=other))
        case_id = created.json()["case_id"]
        respond = f"/cases/{case_id}/respond"
        _check(
            document,
            "post",
            "/cases/{case_id}/respond",
            client.post(respond, json={"message": "您好已收到"}, headers=agent),
        )
        _check(
            document,
            "post",
            "/cases/{case_id}/transition",
            client.post(f"/cases/{case_id}/transition", json={"to": "closed"}, headers=agent),
        )
        page = client.get("/events", params={"limit": 2}, headers=agent)
        _check(document, "get", "/events", page)
        _check(
            document, "get", "/events", client.get("/events", params={"limit": 0}, headers=agent)
        )

"""A move the lifecycle does not allow, asked over HTTP: the 409 names the body's field
(``to``) as every other refusal of a body does, and lists the allowed moves as data, so an
agent's program can pick one without reading the English sentence."""

from __future__ import annotations

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from loopback import loopback_client

AGENT = "agent-token-0123456789"


def test_an_illegal_transition_names_to_and_lists_the_allowed_moves() -> None:
    app = create_app(Desk(storage="memory:"), agent_tokens={AGENT: "王芳"})
    agent = {"Authorization": f"Bearer {AGENT}"}
    complaint = {"external_id": "移-1", "customer": {"id": "客户乙"}, "text": "骑手态度差"}
    with running_server(app) as url, loopback_client(base_url=url) as client:
        case_id = client.post("/complaints", json=complaint).json()["case_id"]
        refused = client.post(
            f"/cases/{case_id}/transition", json={"to": "closed", "reason": "结案"}, headers=agent
        )
        assert refused.status_code == 409
        answer = refused.json()
        assert answer["field"] == "to"
        assert answer["allowed"] == ["acknowledged", "investigating", "rejected", "withdrawn"]
        for status in answer["allowed"]:
            assert status in answer["error"]

        resolved = client.post(
            f"/cases/{case_id}/resolve", json={"resolution": "已补发"}, headers=agent
        )
        assert resolved.status_code == 409
        assert "acknowledged" in resolved.json()["allowed"]

        client.post(f"/cases/{case_id}/transition", json={"to": "withdrawn"}, headers=agent)
        terminal = client.post(
            f"/cases/{case_id}/transition", json={"to": "investigating"}, headers=agent
        )
        assert terminal.status_code == 409
        assert terminal.json()["allowed"] == []
        document = client.get("/openapi.json").json()
        error = document["components"]["schemas"]["Error"]["properties"]
        assert error["allowed"]["type"] == "array"

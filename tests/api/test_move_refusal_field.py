"""A ``close`` or ``resolve`` the case's status does not allow (a case just received, one
withdrawn for good) was a 409 naming no field, while ``assign`` on such a case, a reply to
it and a compensation step name ``status``, the state that refuses them: a client
telling "mend the body" from "look at the case" by the field had nothing to go on for the
steps that move a case. They now name ``status``, still giving the moves allowed;
``transition``'s own refusal names ``to``, as before."""

from __future__ import annotations

import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from complaintkit.testing.storage_contract import make_complaint
from loopback import loopback_client

AGENT = "agent-token-0123456789"


@pytest.mark.parametrize("status", ["received", "withdrawn"])
@pytest.mark.parametrize(
    ("step", "body", "field"),
    [
        ("close", {}, "status"),
        ("resolve", {"resolution": "Refunded."}, "status"),
        ("transition", {"to": "closed"}, "to"),
    ],
)
def test_a_move_the_status_refuses_names_its_field(
    status: str, step: str, body: dict[str, object], field: str
) -> None:
    desk = Desk()
    case = desk.intake(make_complaint("MOVE-1"))
    if status == "withdrawn":
        case = desk.transition(case.id, "withdrawn", actor="li.na", reason="sent twice")
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    headers = {"Authorization": f"Bearer {AGENT}"}
    with running_server(app) as url, loopback_client(base_url=url, headers=headers) as client:
        answer = client.post(f"/cases/{case.id}/{step}", json=body)
    assert answer.status_code == 409, answer.text
    assert answer.json()["field"] == field
    assert "acknowledged" in answer.json()["allowed"] or status == "withdrawn"
    assert desk.get(case.id).version == case.version

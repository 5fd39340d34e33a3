"""A reply or update sent on a case that ended is a 409 naming ``status``, the field whose
state refuses it, as a compensation step on such a case is: it named no field at all, so
a client telling "mend the body" from "look at the case" by the field had nothing to go
on for the commonest step of all."""

from __future__ import annotations

import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from complaintkit.testing.storage_contract import make_complaint
from loopback import loopback_client

AGENT = "agent-token-0123456789"


def _ended(desk: Desk, number: int, status: str) -> str:
    case = desk.intake(make_complaint(f"END{number}"))
    if status == "closed":
        desk.respond(case.id, "We are sorry.", actor="li.na")
        desk.resolve(case.id, "Refunded.", actor="li.na")
        desk.close(case.id, actor="li.na")
    else:
        desk.transition(case.id, status, actor="li.na", reason="a duplicate")
    return case.id


@pytest.mark.parametrize("status", ["closed", "rejected"])
@pytest.mark.parametrize(("step", "body"), [("respond", "message"), ("update", "message")])
def test_a_reply_to_an_ended_case_names_its_status(status: str, step: str, body: str) -> None:
    desk = Desk()
    case_id = _ended(desk, 1, status)
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    headers = {"Authorization": f"Bearer {AGENT}"}
    with running_server(app) as url, loopback_client(base_url=url, headers=headers) as client:
        answer = client.post(f"/cases/{case_id}/{step}", json={body: "Any news?"})
    assert answer.status_code == 409
    assert answer.json()["field"] == "status"
    assert status in answer.json()["error"]

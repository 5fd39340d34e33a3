"""A follow-up visit the case cannot take — before it is resolved, a second one, on a
closed or rejected case — is a 409 naming ``status``, the field whose state refuses it, as
every other step refused for where the case stands is: it named no field, so a client
telling "mend the body" from "look at the case" by the field had nothing to go on."""

from __future__ import annotations

import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from complaintkit.testing.storage_contract import make_complaint
from loopback import loopback_client

AGENT = "agent-token-0123456789"


def _case_in(desk: Desk, status: str) -> str:
    """A case standing where a follow-up visit is refused."""
    case = desk.intake(make_complaint(f"FU-{status}"))
    if status == "rejected":
        desk.transition(case.id, "rejected", actor="li.na", reason="a duplicate")
        return case.id
    if status == "received":
        return case.id
    desk.respond(case.id, "We are sorry.", actor="li.na")
    desk.resolve(case.id, "Refunded.", actor="li.na")
    desk.follow_up(case.id, 4, actor="li.na")
    if status == "closed":
        desk.close(case.id, actor="li.na")
    return case.id


@pytest.mark.parametrize("status", ["received", "follow_up", "closed", "rejected"])
@pytest.mark.parametrize("body", [{"score": 5}, {"refused": True}])
def test_a_follow_up_the_case_cannot_take_names_its_status(
    status: str, body: dict[str, object]
) -> None:
    desk = Desk()
    case_id = _case_in(desk, status)
    before = desk.get(case_id)
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    headers = {"Authorization": f"Bearer {AGENT}"}
    with running_server(app) as url, loopback_client(base_url=url, headers=headers) as client:
        answer = client.post(f"/cases/{case_id}/follow-up", json=body)
    assert answer.status_code == 409, answer.text
    assert answer.json()["field"] == "status"
    assert desk.get(case_id).version == before.version

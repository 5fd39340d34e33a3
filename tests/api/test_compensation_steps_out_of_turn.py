"""A compensation step the case's state refuses — any step on a case that ended, answering
an offer already answered, offering one already offered — is a 409 from the agent API, as
``respond`` on an ended case is: the request was well formed, the case is not where the
step can be taken. It was a 422, which a client reads as "fix the body and send it again"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from offered_voucher import agent_client, offered, voucher_desk

from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput, StepOutOfTurn


@pytest.fixture(name="desk")
def desk_fixture(tmp_path: Path) -> Desk:
    return voucher_desk(tmp_path)


@pytest.fixture(name="client")
def client_fixture(desk: Desk) -> Iterator[httpx.Client]:
    with agent_client(desk) as client:
        yield client


@pytest.mark.parametrize(
    ("step", "body"),
    [
        ("respond", {"message": "\u6211\u4eec\u5728\u5904\u7406"}),
        ("assign", {"owner": "qa.zhou"}),
        ("compensation", {"facts": {"voucher": {"amount": "10", "currency": "CNY"}}}),
        ("offer", {"id": "comp-1"}),
        ("accept", {"id": "comp-1"}),
        ("decline", {"id": "comp-1"}),
    ],
)
def test_every_step_on_an_ended_case_is_a_conflict(
    client: httpx.Client, desk: Desk, step: str, body: dict[str, object]
) -> None:
    case_id = offered(desk, text="\u5238\u592a\u5c11\u4e86").id
    desk.transition(case_id, "withdrawn", actor="li.na", reason="the customer withdrew it")
    sent = client.post(f"/cases/{case_id}/{step}", json=body)
    assert sent.status_code == 409, sent.text
    assert [e["status"] for e in desk.get(case_id).compensation] == ["offered"]


@pytest.mark.parametrize("step", ["accept", "decline", "offer"])
def test_a_step_on_an_answered_offer_is_a_conflict_naming_it(
    client: httpx.Client, desk: Desk, step: str
) -> None:
    case_id = offered(desk, text="\u5238\u592a\u5c11\u4e86").id
    assert client.post(f"/cases/{case_id}/accept", json={"id": "comp-1"}).status_code == 200
    again = client.post(f"/cases/{case_id}/{step}", json={"id": "comp-1"})
    assert again.status_code == 409, again.text
    assert again.json()["field"] == "compensation"
    assert [e["status"] for e in desk.get(case_id).compensation] == ["accepted"]


def test_an_unknown_offer_is_still_a_bad_field(client: httpx.Client, desk: Desk) -> None:
    case_id = offered(desk, text="\u5238\u592a\u5c11\u4e86").id
    sent = client.post(f"/cases/{case_id}/accept", json={"id": "comp-9"})
    assert sent.status_code == 422
    assert sent.json()["field"] == "id"


def test_python_callers_still_catch_invalid_input(desk: Desk) -> None:
    case_id = offered(desk, text="\u5238\u592a\u5c11\u4e86").id
    desk.accept_compensation(case_id, "comp-1", actor="li.na")
    with pytest.raises(StepOutOfTurn) as raised:
        desk.decline_compensation(case_id, "comp-1", actor="li.na")
    assert isinstance(raised.value, InvalidInput)
    assert raised.value.field == "compensation"

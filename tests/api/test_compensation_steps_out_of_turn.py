"""A compensation step the case's state refuses — any step on a case that ended, answering
an offer already answered, offering one already offered — is a 409 from the agent API, as
``respond`` on an ended case is: the request was well formed, the case is not where the
step can be taken. It was a 422, which a client reads as "fix the body and send it again"."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput, StepOutOfTurn
from complaintkit.model.money import Money
from complaintkit.testing.server import running_server

AGENT = "li.na-token-0123456789"
POLICY = """\
complaintkit: 1
name: out-of-turn
version: "1"
categories: {goods: {label: Goods}}
severities: {normal: {label: Normal}}
priorities: {normal: {label: Normal}}
teams: {desk: {label: Desk, default_owner: li.na}}
classification: {rules: [], default: {category: goods, severity: normal, priority: normal}}
routing: {rules: [], default: {team: desk}}
compensation:
  currency: CNY
  rules: [{id: goodwill, remedies: [{kind: voucher, amount: {percent: 100, of: voucher}}]}]
"""


@pytest.fixture(name="desk")
def desk_fixture(tmp_path: Path) -> Desk:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    clock = ManualClock(datetime(2026, 11, 23, 1, 0, tzinfo=UTC))
    return Desk(tmp_path / "policy.yaml", storage=f"sqlite:///{tmp_path / 'c.db'}", clock=clock)


@pytest.fixture(name="client")
def client_fixture(desk: Desk) -> Iterator[httpx.Client]:
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    headers = {"Authorization": f"Bearer {AGENT}"}
    with running_server(app) as url, httpx.Client(base_url=url, headers=headers) as client:
        yield client


def offered(desk: Desk) -> str:
    case = desk.intake(
        {
            "channel": "phone",
            "external_id": "P-1",
            "customer": {"id": "C-1", "contact": "+86 138 0000 0000"},
            "text": "\u5238\u592a\u5c11\u4e86",
            "received_at": "2026-11-23T09:00:00+08:00",
        }
    )
    desk.propose_compensation(case.id, {"voucher": Money("80", "CNY")}, actor="li.na")
    desk.offer_compensation(case.id, "comp-1", actor="li.na")
    return case.id


@pytest.mark.parametrize(
    ("step", "body"),
    [
        ("respond", {"message": "\u6211\u4eec\u5728\u5904\u7406"}),
        ("compensation", {"facts": {"voucher": {"amount": "10", "currency": "CNY"}}}),
        ("offer", {"id": "comp-1"}),
        ("accept", {"id": "comp-1"}),
        ("decline", {"id": "comp-1"}),
    ],
)
def test_every_step_on_an_ended_case_is_a_conflict(
    client: httpx.Client, desk: Desk, step: str, body: dict[str, object]
) -> None:
    case_id = offered(desk)
    desk.transition(case_id, "withdrawn", actor="li.na", reason="the customer withdrew it")
    sent = client.post(f"/cases/{case_id}/{step}", json=body)
    assert sent.status_code == 409, sent.text
    assert [e["status"] for e in desk.get(case_id).compensation] == ["offered"]


@pytest.mark.parametrize("step", ["accept", "decline", "offer"])
def test_a_step_on_an_answered_offer_is_a_conflict_naming_it(
    client: httpx.Client, desk: Desk, step: str
) -> None:
    case_id = offered(desk)
    assert client.post(f"/cases/{case_id}/accept", json={"id": "comp-1"}).status_code == 200
    again = client.post(f"/cases/{case_id}/{step}", json={"id": "comp-1"})
    assert again.status_code == 409, again.text
    assert again.json()["field"] == "compensation"
    assert [e["status"] for e in desk.get(case_id).compensation] == ["accepted"]


def test_an_unknown_offer_is_still_a_bad_field(client: httpx.Client, desk: Desk) -> None:
    case_id = offered(desk)
    sent = client.post(f"/cases/{case_id}/accept", json={"id": "comp-9"})
    assert sent.status_code == 422
    assert sent.json()["field"] == "id"


def test_python_callers_still_catch_invalid_input(desk: Desk) -> None:
    case_id = offered(desk)
    desk.accept_compensation(case_id, "comp-1", actor="li.na")
    with pytest.raises(StepOutOfTurn) as raised:
        desk.decline_compensation(case_id, "comp-1", actor="li.na")
    assert isinstance(raised.value, InvalidInput)
    assert raised.value.field == "compensation"

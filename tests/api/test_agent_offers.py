"""An agent working over HTTP or on the command line can take a remedy to the customer:
approve a proposal (as the role its amount needs) and offer it. Before, the agent API and
``complaintkit cases`` could only propose compensation, and a proposal reached the
customer's status page only through Python (``Desk.offer_compensation``), so the loop
propose → approve → offer → the customer's answer could not be closed by an agent."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from complaintkit.api.app import create_app
from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.server import running_server
from loopback import loopback_client

LI, WANG = "li.na-token-0123456789", "wang.wei-token-012345678"
KEY = "Idempotency-Key"
POLICY = """\
complaintkit: 1
name: offers
version: "1"
categories: {goods: {label: {zh: 商品, en: Goods}}}
severities: {normal: {label: Normal}}
priorities: {normal: {label: Normal}}
teams: {desk: {label: Desk, default_owner: li.na}}
classification: {rules: [], default: {category: goods, severity: normal, priority: normal}}
routing: {rules: [], default: {team: desk}}
compensation:
  currency: CNY
  approvals: [{above: 500, role: supervisor}]
  rules:
    - id: goodwill
      remedies:
        - {kind: voucher, label: {zh: 购物券, en: shopping voucher}, amount: {percent: 100, of: voucher}}
"""


@pytest.fixture(name="desk")
def desk_fixture(tmp_path: Path) -> Desk:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    clock = ManualClock(datetime(2026, 11, 23, 1, 0, tzinfo=UTC))
    return Desk(tmp_path / "policy.yaml", storage=f"sqlite:///{tmp_path / 'c.db'}", clock=clock)


@pytest.fixture(name="client")
def client_fixture(desk: Desk) -> Iterator[httpx.Client]:
    app = create_app(desk, agent_tokens={LI: "li.na", WANG: "wang.wei"})
    with running_server(app) as url, loopback_client(base_url=url) as client:
        yield client


def opened(desk: Desk) -> tuple[str, str]:
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "O-1",
            "customer": {"id": "C-1", "contact": "wang@example.cn"},
            "text": "冰箱不制冷",
            "language": "zh",
            "received_at": "2026-11-23T09:00:00+08:00",
        }
    )
    return case.id, case.status_token


def step(
    client: httpx.Client, token: str, path: str, body: object, **headers: str
) -> httpx.Response:
    return client.post(path, json=body, headers={"Authorization": f"Bearer {token}", **headers})


def test_an_agent_offers_a_proposal_the_customer_then_accepts(
    client: httpx.Client, desk: Desk
) -> None:
    case_id, token = opened(desk)
    facts = {"voucher": {"amount": "80.00", "currency": "CNY"}}
    assert step(client, LI, f"/cases/{case_id}/compensation", {"facts": facts}).status_code == 200
    assert client.get(f"/status/{token}").json()["compensation"] == []
    offered = step(client, LI, f"/cases/{case_id}/offer", {"id": "comp-1"}, **{KEY: "o-1"})
    again = step(client, LI, f"/cases/{case_id}/offer", {"id": "comp-1"}, **{KEY: "o-1"})
    assert offered.status_code == again.status_code == 200, offered.text
    assert again.headers["Idempotent-Replayed"] == "true"
    (shown,) = client.get(f"/status/{token}").json()["compensation"]
    assert (shown["id"], shown["status"]) == ("comp-1", "offered")
    assert shown["total"] == {"amount": "80.00", "currency": "CNY"}
    answer = client.post(f"/status/{token}/offers/comp-1", json={"answer": "accept"})
    assert answer.json()["offer"]["status"] == "accepted"
    kinds = [e.kind for e in desk.history(case_id) if e.kind.startswith("compensation_")]
    assert kinds == ["compensation_proposed", "compensation_offered", "compensation_accepted"]
    offered_by = [e.actor for e in desk.history(case_id) if e.kind == "compensation_offered"]
    assert offered_by == ["li.na"]


def test_a_proposal_over_the_threshold_is_approved_by_another_agent_then_offered(
    client: httpx.Client, desk: Desk
) -> None:
    case_id, token = opened(desk)
    facts = {"voucher": {"amount": "1234.50", "currency": "CNY"}}
    step(client, LI, f"/cases/{case_id}/compensation", {"facts": facts})
    early = step(client, LI, f"/cases/{case_id}/offer", {"id": "comp-1"})
    assert early.status_code == 422
    assert "supervisor" in early.json()["error"]
    own = step(client, LI, f"/cases/{case_id}/approve", {"id": "comp-1", "role": "supervisor"})
    assert own.status_code == 422
    assert own.json()["field"] == "actor"
    wrong = step(client, WANG, f"/cases/{case_id}/approve", {"id": "comp-1", "role": "boss"})
    assert wrong.status_code == 422
    assert wrong.json()["field"] == "role"
    approved = step(
        client, WANG, f"/cases/{case_id}/approve", {"id": "comp-1", "role": "supervisor"}
    )
    assert approved.status_code == 200, approved.text
    assert step(client, LI, f"/cases/{case_id}/offer", {"id": "comp-1"}).status_code == 200
    (shown,) = client.get(f"/status/{token}").json()["compensation"]
    assert shown["status"] == "offered"


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("offer", {}, "id"),
        ("offer", {"id": 1}, "id"),
        ("offer", {"id": "comp-9"}, "id"),
        ("approve", {"id": "comp-1"}, "role"),
        ("approve", {"id": "comp-9", "role": "supervisor"}, "id"),
    ],
)
def test_a_bad_offer_or_approval_is_a_422_naming_the_field(
    client: httpx.Client, desk: Desk, path: str, body: object, field: str
) -> None:
    case_id, _ = opened(desk)
    step(
        client,
        LI,
        f"/cases/{case_id}/compensation",
        {"facts": {"voucher": {"amount": "80", "currency": "CNY"}}},
    )
    refused = step(client, WANG, f"/cases/{case_id}/{path}", body)
    assert refused.status_code == 422, refused.text
    assert refused.json()["field"] == field
    assert [e["status"] for e in desk.get(case_id).compensation] == ["proposed"]


def test_the_openapi_document_lists_offer_and_approve(client: httpx.Client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    offer = paths["/cases/{case_id}/offer"]["post"]["requestBody"]["content"]
    assert offer["application/json"]["schema"]["required"] == ["id"]
    approve = paths["/cases/{case_id}/approve"]["post"]["requestBody"]["content"]
    assert approve["application/json"]["schema"]["required"] == ["id", "role"]


def test_the_command_line_offers_and_approves(desk: Desk, tmp_path: Path) -> None:
    case_id, _ = opened(desk)
    desk.propose_compensation(
        case_id, {"voucher": {"amount": "1234.50", "currency": "CNY"}}, actor="li.na"
    )
    command = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    base = ["--db", f"sqlite:///{tmp_path / 'c.db'}", "--policy", str(tmp_path / "policy.yaml")]

    def run(*args: str) -> tuple[int, str]:
        result = CliRunner().invoke(command, [*base, "cases", *args])
        return result.exit_code, result.output

    code, output = run("offer", case_id, "comp-1", "--actor", "li.na")
    assert code == 1
    assert "supervisor" in output
    code, output = run("approve", case_id, "comp-1", "--role", "supervisor", "--actor", "wang.wei")
    assert code == 0, output
    code, output = run("offer", case_id, "comp-1", "--actor", "li.na", "--json")
    assert code == 0, output
    assert json.loads(output)["case_id"] == case_id
    assert [e["status"] for e in desk.get(case_id).compensation] == ["offered"]


def test_an_approver_rejects_a_proposal_over_http_with_a_reason(
    client: httpx.Client, desk: Desk
) -> None:
    """The approver who may approve may also say no: before, ``reject`` was Python only."""
    case_id, token = opened(desk)
    facts = {"voucher": {"amount": "1234.50", "currency": "CNY"}}
    step(client, LI, f"/cases/{case_id}/compensation", {"facts": facts})
    blank = step(client, WANG, f"/cases/{case_id}/reject", {"id": "comp-1", "role": "supervisor"})
    assert blank.status_code == 422
    assert blank.json()["field"] == "reason"
    body = {"id": "comp-1", "role": "supervisor", "reason": "超出门店权限"}
    rejected = step(client, WANG, f"/cases/{case_id}/reject", body)
    assert rejected.status_code == 200, rejected.text
    assert [e["status"] for e in desk.get(case_id).compensation] == ["rejected"]
    (event,) = [e for e in desk.history(case_id) if e.kind == "compensation_rejected"]
    assert (event.actor, event.reason) == ("wang.wei", "超出门店权限")
    assert client.get(f"/status/{token}").json()["compensation"] == []
    unknown = step(client, WANG, f"/cases/{case_id}/reject", {**body, "id": "comp-9"})
    assert unknown.status_code == 422
    assert unknown.json()["field"] == "id"
    paths = client.get("/openapi.json").json()["paths"]
    schema = paths["/cases/{case_id}/reject"]["post"]["requestBody"]["content"]
    assert schema["application/json"]["schema"]["required"] == ["id", "role", "reason"]


def test_the_command_line_rejects_a_proposal(desk: Desk, tmp_path: Path) -> None:
    case_id, _ = opened(desk)
    desk.propose_compensation(
        case_id, {"voucher": {"amount": "1234.50", "currency": "CNY"}}, actor="li.na"
    )
    command = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    base = ["--db", f"sqlite:///{tmp_path / 'c.db'}", "--policy", str(tmp_path / "policy.yaml")]
    args = ["cases", "reject", case_id, "comp-1", "--role", "supervisor", "--actor", "wang.wei"]
    refused = CliRunner().invoke(command, [*base, *args])
    assert refused.exit_code == 2  # --reason is required: a rejection says why
    assert "--reason" in refused.output
    done = CliRunner().invoke(command, [*base, *args, "--reason", "exceeds the store's limit"])
    assert done.exit_code == 0, done.output
    assert [e["status"] for e in desk.get(case_id).compensation] == ["rejected"]

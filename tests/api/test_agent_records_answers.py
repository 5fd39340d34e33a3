"""A customer who answers an offer by telephone or in an e-mail reply ("80 yuan is too
little") tells an agent, who records the answer: ``Desk.accept_compensation`` and
``Desk.decline_compensation`` allow it, but neither the agent API nor ``complaintkit cases``
did, so the offer sat waiting on the customer's status page for an answer already given.
``POST /cases/{id}/accept`` and ``/decline``, ``cases accept`` and ``cases decline`` now
record it, by the agent, as the status page's answer is recorded by the customer."""

from __future__ import annotations

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
from complaintkit.model.money import Money
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.server import running_server

AGENT = "li.na-token-0123456789"
POLICY = """\
complaintkit: 1
name: answers
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


def offered(desk: Desk, number: int = 1) -> tuple[str, str]:
    case = desk.intake(
        {
            "channel": "phone",
            "external_id": f"P-{number}",
            "customer": {"id": f"C-{number}", "contact": "+86 138 0000 0000"},
            "text": "The voucher is too little",
            "received_at": "2026-11-23T09:00:00+08:00",
        }
    )
    desk.propose_compensation(case.id, {"voucher": Money("80", "CNY")}, actor="li.na")
    desk.offer_compensation(case.id, "comp-1", actor="li.na")
    return case.id, case.status_token


@pytest.mark.parametrize(("answer", "status"), [("accept", "accepted"), ("decline", "declined")])
def test_an_agent_records_the_answer_the_customer_gave_them(
    client: httpx.Client, desk: Desk, answer: str, status: str
) -> None:
    case_id, token = offered(desk)
    body = {"id": "comp-1", "reason": "said on the telephone"}
    sent = client.post(f"/cases/{case_id}/{answer}", json=body)
    assert sent.status_code == 200, sent.text
    (shown,) = client.get(f"/status/{token}").json()["compensation"]
    assert shown["status"] == status
    (event,) = [e for e in desk.history(case_id) if e.kind == f"compensation_{status}"]
    assert (event.actor, event.reason) == ("li.na", "said on the telephone")
    again = client.post(f"/cases/{case_id}/{answer}", json=body)
    assert again.status_code == 409
    assert again.json()["field"] == "compensation"
    other = client.post(f"/cases/{case_id}/decline", json={"id": "comp-9"})
    assert other.status_code == 422
    assert other.json()["field"] == "id"


def test_the_command_line_records_an_answer(desk: Desk, tmp_path: Path) -> None:
    declined, _ = offered(desk, 1)
    accepted, _ = offered(desk, 2)
    command = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    base = ["--db", f"sqlite:///{tmp_path / 'c.db'}", "--policy", str(tmp_path / "policy.yaml")]
    for case_id, answer in ((declined, "decline"), (accepted, "accept")):
        args = ["cases", answer, case_id, "comp-1", "--reason", "回邮件说的", "--actor", "li.na"]
        result = CliRunner().invoke(command, [*base, *args])
        assert result.exit_code == 0, result.output
    assert [e["status"] for e in desk.get(declined).compensation] == ["declined"]
    assert [e["status"] for e in desk.get(accepted).compensation] == ["accepted"]

"""A customer who answers an offer by telephone or in an e-mail reply ("80 yuan is too
little") tells an agent, who records the answer: ``Desk.accept_compensation`` and
``Desk.decline_compensation`` allow it, but neither the agent API nor ``complaintkit cases``
did, so the offer sat waiting on the customer's status page for an answer already given.
``POST /cases/{id}/accept`` and ``/decline``, ``cases accept`` and ``cases decline`` now
record it, by the agent, as the status page's answer is recorded by the customer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from offered_voucher import agent_client, offered, voucher_desk

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager


@pytest.fixture(name="desk")
def desk_fixture(tmp_path: Path) -> Desk:
    return voucher_desk(tmp_path)


@pytest.fixture(name="client")
def client_fixture(desk: Desk) -> Iterator[httpx.Client]:
    with agent_client(desk) as client:
        yield client


@pytest.mark.parametrize(("answer", "status"), [("accept", "accepted"), ("decline", "declined")])
def test_an_agent_records_the_answer_the_customer_gave_them(
    client: httpx.Client, desk: Desk, answer: str, status: str
) -> None:
    case = offered(desk)
    case_id, token = case.id, case.status_token
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
    declined = offered(desk, 1).id
    accepted = offered(desk, 2).id
    command = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    base = ["--db", f"sqlite:///{tmp_path / 'c.db'}", "--policy", str(tmp_path / "policy.yaml")]
    for case_id, answer in ((declined, "decline"), (accepted, "accept")):
        args = ["cases", answer, case_id, "comp-1", "--reason", "回邮件说的", "--actor", "li.na"]
        result = CliRunner().invoke(command, [*base, *args])
        assert result.exit_code == 0, result.output
    assert [e["status"] for e in desk.get(declined).compensation] == ["declined"]
    assert [e["status"] for e in desk.get(accepted).compensation] == ["accepted"]

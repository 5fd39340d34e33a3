"""``POST /cases/{id}/events`` refuses a name that is no event name, or one the library
records itself, naming the field as the body does (``name``), like every other step."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from complaintkit.testing.storage_contract import make_complaint
from loopback import loopback_client

AGENT = "agent-token-0123456789"
AUTH = {"Authorization": f"Bearer {AGENT}"}


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[httpx.Client, Desk, str]]:
    desk = Desk()
    case = desk.intake(make_complaint("EV-1"))
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    with running_server(app) as url, loopback_client(base_url=url, headers=AUTH) as client:
        yield client, desk, case.id


@pytest.mark.parametrize("name", ["a.b", "Holding Reply", "opened", "transitioned", "sla_x"])
def test_a_refused_event_name_is_a_422_naming_name(
    served: tuple[httpx.Client, Desk, str], name: str
) -> None:
    client, desk, case_id = served
    before = desk.get(case_id).version
    response = client.post(f"/cases/{case_id}/events", json={"name": name})
    assert response.status_code == 422, response.text
    assert response.json()["field"] == "name", response.text
    assert name in response.json()["error"]
    assert desk.get(case_id).version == before

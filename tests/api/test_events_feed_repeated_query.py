"""``GET /events`` with ``after`` or ``limit`` given twice: which one a server reads (the
first, the last) is its own choice, and the wrong cursor repeats or skips events, so the
query is refused naming the parameter rather than answered from either."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlencode

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
def client() -> Iterator[httpx.Client]:
    desk = Desk()
    for key in ("RQ-1", "RQ-2"):
        desk.intake(make_complaint(key))
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    with running_server(app) as url, loopback_client(base_url=url, headers=AUTH) as served:
        yield served


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ([("after", "1"), ("after", "2")], "after"),
        ([("after", "1"), ("after", "1")], "after"),
        ([("limit", "5"), ("limit", "1")], "limit"),
        ([("after", ""), ("after", "1")], "after"),
    ],
)
def test_a_parameter_given_twice_is_a_422_naming_it(
    client: httpx.Client, query: list[tuple[str, str]], named: str
) -> None:
    response = client.get(f"/events?{urlencode(query)}")
    assert response.status_code == 422, response.text
    assert response.json()["field"] == named


def test_each_parameter_once_is_a_page(client: httpx.Client) -> None:
    first = client.get("/events", params={"limit": "1"}).json()
    after = client.get("/events", params={"after": first["cursor"], "limit": "1000"}).json()
    assert len(first["events"]) == 1
    assert first["events"][0] not in after["events"]

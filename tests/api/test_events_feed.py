"""GET /events: a publisher pages through every stored event with a cursor."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from loopback import loopback_client

AGENT = "agent-token-0123456789"
BEARER = {"Authorization": f"Bearer {AGENT}"}


@pytest.fixture
def served() -> Iterator[tuple[httpx.Client, Desk]]:
    desk = Desk(storage="memory:")
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    with running_server(app) as url, loopback_client(base_url=url) as client:
        yield client, desk


def complaint(key: str) -> dict[str, Any]:
    return {
        "channel": "web",
        "external_id": key,
        "received_at": "2026-11-23T09:00:00+08:00",
        "customer": {"id": "c9"},
        "text": "洗衣机漏水",
    }


def test_pages_through_every_event_then_only_new_ones(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, desk = served
    cases = [desk.intake(complaint(key)) for key in ("a", "b", "c")]
    stored = [(e.case_id, e.seq) for case in cases for e in desk.history(case.id)]
    seen: list[tuple[str, int]] = []
    cursor = ""
    while True:
        page = client.get("/events", params={"after": cursor, "limit": 4}, headers=BEARER)
        assert page.status_code == 200
        if not page.json()["events"]:
            break
        seen += [(e["case_id"], e["seq"]) for e in page.json()["events"]]
        cursor = page.json()["cursor"]
    assert seen == stored
    desk.note(cases[0].id, "called back", actor="li.na")
    (new,) = client.get("/events", params={"after": cursor}, headers=BEARER).json()["events"]
    assert (new["case_id"], new["kind"]) == (cases[0].id, "noted")


def test_needs_an_agent_token(served: tuple[httpx.Client, Desk]) -> None:
    client, _ = served
    assert client.get("/events").status_code == 401


@pytest.mark.parametrize(
    "query",
    [
        {"limit": "0"},
        {"limit": "x"},
        {"limit": "²"},  # a digit to str.isdigit, no number to int
        {"limit": "9" * 5000},  # more digits than int reads
        {"after": "not-a-cursor"},
        {"after": "²"},
        {"after": "9" * 5000},
        {"after": str(2**63)},  # more than an event position column holds
    ],
)
def test_a_bad_query_is_422_naming_the_parameter(
    served: tuple[httpx.Client, Desk], query: dict[str, str]
) -> None:
    client, _ = served
    response = client.get("/events", params=query, headers=BEARER)
    assert response.status_code == 422
    assert response.json()["field"] == next(iter(query))

"""An agent's step given a field it does not read.

``POST /cases/{id}/assign {"owner": "qa.zhou", "tem": "quality"}`` handed the case over and
dropped the misspelt team; ``close {"reson": "refunded"}`` closed it without the reason,
``compensation {"fact": {...}}`` proposed for no facts at all — each a 200, so the agent's
tool never learnt that part of what it sent was lost. Each is now a 422 naming the field
and the fields the step takes, and the case is left as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from complaintkit.testing.storage_contract import make_complaint
from loopback import loopback_client

AGENT = "agent-token-0123456789"
AUTH = {"Authorization": f"Bearer {AGENT}"}


@pytest.fixture(name="served")
def served_fixture() -> Iterator[tuple[httpx.Client, Desk, str]]:
    desk = Desk()
    case = desk.intake(make_complaint("UF1"))
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    with running_server(app) as url, loopback_client(base_url=url, headers=AUTH) as client:
        yield client, desk, case.id


@pytest.mark.parametrize(
    ("step", "body", "field", "takes"),
    [
        ("assign", {"owner": "qa.zhou", "tem": "quality"}, "tem", "owner, reason, team"),
        ("close", {"reson": "refunded"}, "reson", "reason"),
        ("compensation", {"fact": {"fault": "ours"}}, "fact", "facts"),
        ("note", {"text": "batch B-17", "private": True}, "private", "text"),
        ("transition", {"to": "acknowledged", "why": "seen"}, "why", "reason, to"),
        ("respond", {"message": "we are on it", "channel": "sms"}, "channel", "message"),
    ],
)
def test_a_field_the_step_does_not_read_is_refused_and_nothing_changes(
    served: tuple[httpx.Client, Desk, str],
    step: str,
    body: dict[str, Any],
    field: str,
    takes: str,
) -> None:
    client, desk, case_id = served
    version = desk.get(case_id).version
    answer = client.post(f"/cases/{case_id}/{step}", json=body)
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == field
    assert takes in answer.json()["error"]
    assert desk.get(case_id).version == version


def test_the_fields_a_step_reads_are_taken(served: tuple[httpx.Client, Desk, str]) -> None:
    client, desk, case_id = served
    body = {"owner": "qa.zhou", "team": "quality", "reason": "dairy"}
    assert client.post(f"/cases/{case_id}/assign", json=body).status_code == 200
    assert desk.get(case_id).team == "quality"


def test_the_openapi_document_says_a_step_takes_no_other_field(
    served: tuple[httpx.Client, Desk, str],
) -> None:
    """A client built from /openapi.json (or a contract test) must not send an extra field
    the server refuses: each step's body declares ``additionalProperties: false``."""
    client, _, _ = served
    paths = client.get("/openapi.json").json()["paths"]
    steps = {p: ops["post"] for p, ops in paths.items() if p.startswith("/cases/{case_id}/")}
    assert len(steps) >= 16
    for path, operation in steps.items():
        schema = operation["requestBody"]["content"]["application/json"]["schema"]
        assert schema.get("additionalProperties") is False, path

"""An agent's change to a case that kept changing under it (the Desk tried again and every
save found a newer version): a 409 that says so and asks for the change again, never
"storage is unavailable", and nothing logged as a storage failure."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.errors import Conflict
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.storage.memory import MemoryStorage
from complaintkit.testing.server import running_server
from complaintkit.testing.storage_contract import make_complaint
from loopback import loopback_client

AGENT = "agent-token-0123456789"
AUTH = {"Authorization": f"Bearer {AGENT}"}


class _AlwaysMoved(MemoryStorage):
    """A store where, once ``moving``, another writer saved every case first."""

    moving = False

    def save(self, case: Case, events: Sequence[CaseEvent]) -> None:
        if self.moving:
            raise Conflict(case.id, case.version - len(events), case.version)
        super().save(case, events)


@pytest.mark.parametrize(
    ("step", "body"),
    [("note", {"text": "批次 B-17"}), ("transition", {"to": "investigating"})],
)
def test_a_case_that_kept_changing_is_a_409_asking_to_send_again(
    step: str, body: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    storage = _AlwaysMoved()
    desk = Desk(storage=storage)
    case = desk.intake(make_complaint("BUSY-1"))
    storage.moving = True
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    with (
        caplog.at_level(logging.ERROR, logger="complaintkit.api.app"),
        running_server(app) as url,
        loopback_client(base_url=url) as client,
    ):
        response = client.post(f"/cases/{case.id}/{step}", json=body, headers=AUTH)
    assert response.status_code == 409, response.text
    answer = response.json()
    assert case.id in answer["error"], answer
    assert "changing" in answer["error"], answer
    assert "again" in answer["error"], answer
    assert "unavailable" not in answer["error"], answer
    assert answer["request_id"] == response.headers["X-Request-Id"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert desk.get(case.id).version == case.version  # nothing was stored

"""A 409 for a move the policy's gates refuse (StepsMissing) or for a case that kept
changing under the change (Conflict) named no field, where every other 409 names the state
that refused it (``status``): a client had to read the sentence to learn what to record or
that only sending again helps. A gate's refusal now names ``status`` (``to`` when the body
named the move) and lists the steps to record as data (``missing``: gate and step); a busy
case names ``version``, the case's version that moved on."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from raw_asgi import asgi_request

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.errors import Conflict
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.memory import MemoryStorage
from complaintkit.testing.storage_contract import make_complaint

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
AGENT = "agent-token-0123456789"
HEADERS = [(b"authorization", f"Bearer {AGENT}".encode()), (b"content-type", b"application/json")]


def _resolved(desk: Desk) -> Case:
    case = desk.intake(make_complaint("GATE-1"))
    desk.transition(case.id, "investigating", actor="li.na")
    return desk.resolve(case.id, "全额退款", actor="li.na")


@pytest.mark.parametrize(
    ("step", "body", "field"),
    [("close", {}, "status"), ("transition", {"to": "closed"}, "to")],
)
def test_a_gate_refusal_names_its_field_and_the_steps_missing(
    step: str, body: dict[str, str], field: str
) -> None:
    desk = Desk(load_policy(RETAIL))
    case = _resolved(desk)
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    status, _, answer = asgi_request(
        app, "POST", f"/cases/{case.id}/{step}", HEADERS, json.dumps(body).encode()
    )
    refusal = json.loads(answer)
    assert status == 409, refusal
    assert refusal["field"] == field
    assert refusal["missing"] == [{"gate": "follow-up-before-close", "step": "satisfaction"}]
    assert desk.get(case.id).version == case.version


class _AlwaysMoved(MemoryStorage):
    moving = False

    def save(self, case: Case, events: Sequence[CaseEvent]) -> None:
        if self.moving:
            raise Conflict(case.id, case.version - len(events), case.version)
        super().save(case, events)


def test_a_case_that_kept_changing_names_its_version() -> None:
    storage = _AlwaysMoved()
    desk = Desk(storage=storage)
    case = desk.intake(make_complaint("BUSY-2"))
    storage.moving = True
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    status, _, answer = asgi_request(
        app, "POST", f"/cases/{case.id}/note", HEADERS, json.dumps({"text": "批次"}).encode()
    )
    refusal = json.loads(answer)
    assert status == 409, refusal
    assert refusal["field"] == "version"

"""An acceptance the Desk refuses on the status page (a cap no longer has room for it) is
told to staff. The customer saw "please contact us" and the reason went to the server's
log only: no event on the case, no notification, nothing a plugin or a report could see,
so the case sat with its offer unanswerable until the customer called."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.history import replay
from complaintkit.model.money import Money
from complaintkit.testing.server import running_server
from loopback import loopback_client

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
STAFF = "staff.wen"
REFUSED = "compensation_answer_refused"


def _policy(folder: Path) -> Path:
    policy: dict[str, Any] = {
        "complaintkit": 1,
        "name": "refused",
        "version": "1",
        "categories": {"goods": {"label": "Goods"}},
        "severities": {"normal": {"label": "Normal"}},
        "priorities": {"normal": {"label": "Normal"}},
        "teams": {"desk": {"label": "Desk", "default_owner": "desk"}},
        "classification": {
            "rules": [],
            "default": {"category": "goods", "severity": "normal", "priority": "normal"},
        },
        "routing": {"rules": [], "default": {"team": "desk"}},
        "compensation": {
            "currency": "CNY",
            "rules": [
                {
                    "id": "goodwill",
                    "remedies": [{"kind": "voucher", "amount": {"percent": 100, "of": "voucher"}}],
                }
            ],
            "caps": [{"limit": 100, "days": 90}],
        },
        "templates": {
            "stuck": {"en": {"subject": "Answer refused on {case.id}", "body": "Call them."}}
        },
        "notifications": {
            "default_language": "en",
            "notifiers": {"log": {"type": "log"}},
            "rules": [{"on": REFUSED, "notify": ["owner"], "via": "log", "template": "stuck"}],
            "contacts": {"owners": {"desk": "desk@shop.example"}},
        },
    }
    path = folder / "policy.yaml"
    path.write_text(yaml.safe_dump(policy), encoding="utf-8")
    return path


def _open(desk: Desk, n: int) -> str:
    case = desk.intake(
        {
            "channel": "web",
            "external_id": f"r-{n}",
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": "c-1", "contact": "c1@example.com"},
            "text": "the kettle leaks",
            "language": "en",
        }
    )
    return case.id


def _offer(desk: Desk, case_id: str) -> None:
    desk.propose_compensation(case_id, {"voucher": Money("80", "CNY")}, actor=STAFF)
    desk.offer_compensation(case_id, "comp-1", actor=STAFF)


def test_an_acceptance_over_a_cap_is_recorded_on_the_case_and_told_to_its_owner(
    tmp_path: Path,
) -> None:
    desk = Desk(_policy(tmp_path), storage=f"sqlite:///{tmp_path / 'c.db'}", clock=ManualClock(T0))
    first, second = _open(desk, 1), _open(desk, 2)
    _offer(desk, first)
    desk.transition(first, "investigating", actor=STAFF)
    desk.resolve(first, "replaced", actor=STAFF)
    desk.close(first, actor=STAFF)  # its offer lapses: the room goes to the second case
    _offer(desk, second)
    desk.accept_compensation(second, "comp-1", actor=STAFF)
    desk.reopen(first, actor=STAFF, reason="the customer came back")  # the offer stands again
    before = {d.position for d in desk.storage.deliveries("pending")}
    token = desk.get(first).status_token
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        sent = client.post(f"/status/{token}/offers/comp-1", json={"answer": "accept"})
    assert sent.status_code == 409
    assert "contact us" in sent.json()["error"]
    case = desk.get(first)
    assert case.compensation[0]["status"] == "offered"  # nothing answered
    (event,) = [e for e in desk.history(first) if e.kind == REFUSED]
    assert event.actor == "customer:c-1"
    assert event.data["id"] == "comp-1"
    assert event.data["answer"] == "accept"
    assert "over the cap" in event.data["why"]
    assert replay(desk.history(first)).to_json() == case.to_json()
    told = [d for d in desk.storage.deliveries("pending") if d.position not in before]
    assert [(d.outgoing.payload["role"], d.outgoing.payload["to"]) for d in told] == [
        ("owner", "desk@shop.example")
    ]
    assert f"Answer refused on {first}" in told[0].outgoing.payload["subject"]


def test_the_same_refused_answer_sent_again_tells_staff_once(tmp_path: Path) -> None:
    """A customer pressing "accept" again after "please contact us" would otherwise send
    the owner one message per press; while nothing else happened on the case, once."""
    desk = Desk(_policy(tmp_path), storage=f"sqlite:///{tmp_path / 'c.db'}", clock=ManualClock(T0))
    first, second = _open(desk, 1), _open(desk, 2)
    _offer(desk, first)
    desk.transition(first, "investigating", actor=STAFF)
    desk.resolve(first, "replaced", actor=STAFF)
    desk.close(first, actor=STAFF)
    _offer(desk, second)
    desk.accept_compensation(second, "comp-1", actor=STAFF)
    desk.reopen(first, actor=STAFF, reason="the customer came back")
    token = desk.get(first).status_token
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        for _ in range(3):
            sent = client.post(f"/status/{token}/offers/comp-1", json={"answer": "accept"})
            assert sent.status_code == 409
        assert len([e for e in desk.history(first) if e.kind == REFUSED]) == 1
        desk.respond(first, "We are looking into it", actor=STAFF)  # something happened
        client.post(f"/status/{token}/offers/comp-1", json={"answer": "accept"})
    assert len([e for e in desk.history(first) if e.kind == REFUSED]) == 2

"""A letter to staff on an event that names no compensation tells of money only once no
approval is awaited for it, as the Desk decides that when it is offered: by the approvals
given so far and the policy in force (a threshold lowered since the proposal), not by what
was recorded at proposal. A letter to the customer tells of it only once it is offered
(``notify.told_money``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.money import Money
from complaintkit.storage.sqlite import SQLiteStorage

COMPLAINT = {
    "channel": "web",
    "external_id": "L-1",
    "received_at": "2026-11-23T09:00:00+00:00",
    "customer": {"id": "c-1", "contact": "c1@example.com"},
    "text": "broken on arrival",
    "language": "en",
}


def policy(above: int, role: str) -> dict[str, object]:
    return {
        "complaintkit": 1,
        "name": "letters",
        "version": str(above),
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
            "approvals": [{"above": above, "role": role}],
        },
        "templates": {"update": {"en": {"subject": "Update", "body": "[{case.compensation}]"}}},
        "notifications": {
            "default_language": "en",
            "notifiers": {"log": {"type": "log"}},
            "rules": [
                {
                    "on": "responded",
                    "notify": ["customer", "owner"],
                    "via": "log",
                    "template": "update",
                }
            ],
            "contacts": {"owners": {"desk": "desk@shop.example"}},
        },
    }


class Deployment:
    """One database, redeployed under policies with different approval thresholds."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.url = f"sqlite:///{folder}/c.db"
        self.clock = ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC))

    def desk(self, above: int, role: str = "supervisor") -> Desk:
        path = self.folder / f"policy-{above}-{role}.yaml"
        text = yaml.safe_dump(policy(above, role), allow_unicode=True)
        path.write_text(text, encoding="utf-8")
        return Desk(path, storage=SQLiteStorage(self.url), clock=self.clock)

    def letter(self, desk: Desk, case_id: str) -> str:
        """The body of the letter a response sends the owner now; the customer's tells of
        no money before it is offered."""
        self.clock.advance(timedelta(minutes=1))
        desk.respond(case_id, "news", actor="li.na")
        deliveries = desk.storage.due_deliveries(self.clock.now(), 1000)
        sent = {d.outgoing.payload["role"]: d.outgoing.payload["body"] for d in deliveries[-2:]}
        assert sent["customer"] == "[]"
        return str(sent["owner"])


def test_a_proposal_a_newer_policy_needs_approved_is_no_money_in_a_letter(tmp_path: Path) -> None:
    site = Deployment(tmp_path)
    before = site.desk(1000)  # 800 needs no approval
    case = before.intake(COMPLAINT)
    before.propose_compensation(case.id, {"voucher": Money("800", "CNY")}, actor="li.na")
    assert site.letter(before, case.id) == "[voucher 800.00 CNY]"
    now = site.desk(500)  # redeployed: above 500 needs a supervisor, who has not approved
    assert site.letter(now, case.id) == "[]"
    now.approve_compensation(case.id, "comp-1", role="supervisor", actor="wang")
    assert site.letter(now, case.id) == "[voucher 800.00 CNY]"


def test_an_approval_a_newer_policy_adds_is_awaited_in_a_letter(tmp_path: Path) -> None:
    site = Deployment(tmp_path)
    before = site.desk(1000)
    case = before.intake(COMPLAINT)
    before.propose_compensation(case.id, {"voucher": Money("2000", "CNY")}, actor="li.na")
    assert site.letter(before, case.id) == "[]"  # waits for a supervisor
    before.approve_compensation(case.id, "comp-1", role="supervisor", actor="wang")
    assert site.letter(before, case.id) == "[voucher 2,000.00 CNY]"


def test_a_rejected_proposal_is_no_money_in_a_letter(tmp_path: Path) -> None:
    site = Deployment(tmp_path)
    before = site.desk(1000)
    case = before.intake(COMPLAINT)
    before.propose_compensation(case.id, {"voucher": Money("800", "CNY")}, actor="li.na")
    now = site.desk(500)
    now.reject_compensation(case.id, "comp-1", role="supervisor", actor="wang", reason="no")
    assert site.letter(now, case.id) == "[]"


def test_an_approved_proposal_awaiting_a_role_a_newer_policy_names_is_no_money(
    tmp_path: Path,
) -> None:
    """Approved by the supervisor its total needed when proposed, it still awaits the
    director the policy in force names for it, and the Desk would not offer it."""
    site = Deployment(tmp_path)
    before = site.desk(500)
    case = before.intake(COMPLAINT)
    before.propose_compensation(case.id, {"voucher": Money("800", "CNY")}, actor="li.na")
    now = site.desk(500, role="director")
    now.approve_compensation(case.id, "comp-1", role="supervisor", actor="wang")
    assert site.letter(now, case.id) == "[]"
    now.approve_compensation(case.id, "comp-1", role="director", actor="zhao")
    assert site.letter(now, case.id) == "[voucher 800.00 CNY]"
    now.offer_compensation(case.id, "comp-1", actor="li.na")
    now.respond(case.id, "offered", actor="li.na")
    deliveries = now.storage.due_deliveries(site.clock.now(), 1000)
    told = {d.outgoing.payload["role"]: d.outgoing.payload["body"] for d in deliveries[-2:]}
    assert told == {"customer": "[voucher 800.00 CNY]", "owner": "[voucher 800.00 CNY]"}

"""A letter to the customer tells only money that is offered or accepted and still stands,
as their status page shows it; a letter to staff on a ``compensation_*`` event shows the
entry it names, whatever its status (an approver must see the amount). A remedy of no money
(cut to 0.00 by a cap or by what the case already pays) promises nothing and is left out
of what the customer sees."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.money import Money
from complaintkit.storage.memory import MemoryStorage

EVENTS = (
    "compensation_proposed",
    "compensation_approved",
    "compensation_rejected",
    "compensation_offered",
    "compensation_accepted",
    "compensation_declined",
    "responded",
)


#: a letter to staff names the entry as decided, the credit no one asked for included
STAFF_800 = "[voucher 800.00 CNY\ncredit 0.00 CNY|800.00 CNY]"


def complaint(n: int) -> dict[str, Any]:
    return {
        "channel": "web",
        "external_id": f"M-{n}",
        "received_at": "2026-11-23T09:00:00+00:00",
        "customer": {"id": "c-1", "contact": "c1@example.com"},
        "text": "broken on arrival",
        "language": "en",
    }


def policy(cap: int | None = None) -> dict[str, Any]:
    compensation: dict[str, Any] = {
        "currency": "CNY",
        "rules": [
            {
                "id": "goodwill",
                "remedies": [
                    {"kind": "voucher", "amount": {"percent": 100, "of": "voucher"}},
                    {"kind": "credit", "amount": {"percent": 100, "of": "credit", "default": 0}},
                ],
            }
        ],
        "approvals": [{"above": 500, "role": "supervisor"}],
    }
    if cap is not None:
        compensation["caps"] = [{"limit": cap, "days": 90}]
    return {
        "complaintkit": 1,
        "name": "letters",
        "version": "1",
        "categories": {"goods": {"label": "Goods"}},
        "severities": {"normal": {"label": "Normal"}},
        "priorities": {"normal": {"label": "Normal"}},
        "teams": {"desk": {"label": "Desk", "default_owner": "li.na"}},
        "classification": {
            "rules": [],
            "default": {"category": "goods", "severity": "normal", "priority": "normal"},
        },
        "routing": {"rules": [], "default": {"team": "desk"}},
        "compensation": compensation,
        "templates": {
            "money": {
                "en": {
                    "subject": "Money",
                    "body": "[{case.compensation}|{case.compensation_total}]",
                }
            }
        },
        "notifications": {
            "default_language": "en",
            "notifiers": {"log": {"type": "log"}},
            "contacts": {"owners": {"li.na": "li.na@shop.example"}},
            "rules": [
                {"on": on, "notify": ["customer", "owner"], "via": "log", "template": "money"}
                for on in EVENTS
            ],
        },
    }


def desk(folder: Path, cap: int | None = None) -> Desk:
    path = folder / f"policy-{cap}.yaml"
    path.write_text(yaml.safe_dump(policy(cap), allow_unicode=True), encoding="utf-8")
    clock = ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    return Desk(path, storage=MemoryStorage(), clock=clock)


def letters(d: Desk) -> dict[str, str]:
    """The bodies of the letters the last change sent (since the last call), by role."""
    seen: set[str] = d.__dict__.setdefault("_seen_deliveries", set())
    sent: dict[str, str] = {}
    for delivery in d.storage.deliveries():
        if delivery.outgoing.delivery_id not in seen:
            seen.add(delivery.outgoing.delivery_id)
            payload = delivery.outgoing.payload
            sent[str(payload["role"])] = str(payload["body"])
    return sent


def test_a_proposal_awaiting_approval_is_told_to_staff_not_to_the_customer(tmp_path: Path) -> None:
    d = desk(tmp_path)
    case = d.intake(complaint(1))
    letters(d)
    d.propose_compensation(case.id, {"voucher": Money("800", "CNY")}, actor="li.na")
    assert letters(d) == {"customer": "[|]", "owner": STAFF_800}


def test_a_rejected_proposal_names_no_money_to_the_customer(tmp_path: Path) -> None:
    d = desk(tmp_path)
    case = d.intake(complaint(1))
    d.propose_compensation(case.id, {"voucher": Money("800", "CNY")}, actor="li.na")
    letters(d)
    d.reject_compensation(case.id, "comp-1", role="supervisor", actor="wang", reason="no")
    assert letters(d) == {"customer": "[|]", "owner": STAFF_800}


def test_a_declined_offer_names_no_money_to_the_customer(tmp_path: Path) -> None:
    """What they declined is no money anyone offers now: the letter confirming it names
    none (their status page lists the offer, marked declined)."""
    d = desk(tmp_path)
    case = d.intake(complaint(1))
    d.propose_compensation(case.id, {"voucher": Money("80", "CNY")}, actor="li.na")
    d.offer_compensation(case.id, "comp-1", actor="li.na")
    letters(d)
    d.decline_compensation(case.id, "comp-1", actor="customer")
    assert letters(d) == {
        "customer": "[|]",
        "owner": "[voucher 80.00 CNY\ncredit 0.00 CNY|80.00 CNY]",
    }


def test_a_proposal_not_yet_offered_is_no_money_in_a_later_customer_letter(tmp_path: Path) -> None:
    d = desk(tmp_path)
    case = d.intake(complaint(1))
    d.propose_compensation(case.id, {"voucher": Money("80", "CNY")}, actor="li.na")
    d.offer_compensation(case.id, "comp-1", actor="li.na")
    d.propose_compensation(case.id, {"voucher": Money("90", "CNY")}, actor="li.na")
    letters(d)
    d.respond(case.id, "news", actor="li.na")
    assert letters(d)["customer"] == "[voucher 80.00 CNY|80.00 CNY]"


def test_an_offer_and_its_acceptance_are_told_to_the_customer(tmp_path: Path) -> None:
    d = desk(tmp_path)
    case = d.intake(complaint(1))
    d.propose_compensation(case.id, {"voucher": Money("80", "CNY")}, actor="li.na")
    letters(d)
    d.offer_compensation(case.id, "comp-1", actor="li.na")
    assert letters(d)["customer"] == "[voucher 80.00 CNY|80.00 CNY]"
    d.accept_compensation(case.id, "comp-1", actor="customer")
    assert letters(d)["customer"] == "[voucher 80.00 CNY|80.00 CNY]"


def test_a_remedy_a_cap_cut_to_nothing_is_left_out_of_the_customer_letter(tmp_path: Path) -> None:
    d = desk(tmp_path, cap=100)
    first = d.intake(complaint(1))
    d.propose_compensation(first.id, {"voucher": Money("100", "CNY")}, actor="li.na")
    d.offer_compensation(first.id, "comp-1", actor="li.na")
    second = d.intake(complaint(2))
    d.propose_compensation(
        second.id, {"voucher": Money("50", "CNY"), "credit": Money("50", "CNY")}, actor="li.na"
    )
    remedies = d.get(second.id).compensation[-1]["decision"]["remedies"]
    assert [r["amount"]["amount"] for r in remedies] == ["0.00", "0.00"]  # the cap took all
    letters(d)
    d.offer_compensation(second.id, "comp-1", actor="li.na")
    sent = letters(d)
    assert "customer" not in sent  # an offer of nothing is no letter to them
    assert "voucher 0.00 CNY" in sent["owner"]  # staff see what the cap did

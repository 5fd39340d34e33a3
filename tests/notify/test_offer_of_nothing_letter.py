"""An entry whose every remedy is money that came to 0.00 (10 yuan a day for 0 days late,
a cap that took all of it) and that holds no remedy of another kind promises the customer
nothing: their status page does not list it, answering it is a 404 — and no
``compensation_*`` letter tells them of it either, where a rule would otherwise send a
letter offering them blank money. Staff are still told, with the 0.00 as decided."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.storage.memory import MemoryStorage

EVENTS = ("compensation_proposed", "compensation_offered", "compensation_accepted")


def policy(apology: bool) -> dict[str, Any]:
    remedies: list[Any] = [
        {"kind": "voucher", "amount": {"multiple": {"fact": "days_late"}, "of": {"fixed": 10}}}
    ]
    if apology:
        remedies.append("apology")
    return {
        "complaintkit": 1,
        "name": "per-day",
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
        "compensation": {"currency": "CNY", "rules": [{"id": "late", "remedies": remedies}]},
        "templates": {
            "offer": {
                "en": {
                    "subject": "Our offer",
                    "body": "We offer you: {case.compensation} ({case.compensation_total})",
                }
            }
        },
        "notifications": {
            "default_language": "en",
            "notifiers": {"log": {"type": "log"}},
            "contacts": {"owners": {"li.na": "li.na@shop.example"}},
            "rules": [
                {"on": on, "notify": ["customer", "owner"], "via": "log", "template": "offer"}
                for on in EVENTS
            ],
        },
    }


def desk(folder: Path, apology: bool = False) -> Desk:
    path = folder / "policy.yaml"
    path.write_text(yaml.safe_dump(policy(apology), allow_unicode=True), encoding="utf-8")
    clock = ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    return Desk(path, storage=MemoryStorage(), clock=clock)


def intake(d: Desk) -> str:
    case = d.intake(
        {
            "channel": "web",
            "external_id": "late-1",
            "received_at": "2026-11-23T09:00:00+00:00",
            "customer": {"id": "c-1", "contact": "c1@example.com"},
            "text": "my parcel",
            "language": "en",
        }
    )
    return case.id


def sent(d: Desk, event: str) -> dict[str, str]:
    """The bodies of the letters sent on ``event``, by role."""
    return {
        str(x.outgoing.payload["role"]): str(x.outgoing.payload["body"])
        for x in d.storage.deliveries()
        if x.outgoing.payload["event"] == event
    }


@pytest.mark.parametrize("event", EVENTS)
def test_an_offer_of_nothing_sends_the_customer_no_letter(tmp_path: Path, event: str) -> None:
    d = desk(tmp_path)
    case_id = intake(d)
    d.propose_compensation(case_id, {"days_late": 0}, actor="li.na")
    d.offer_compensation(case_id, "comp-1", actor="li.na")
    d.accept_compensation(case_id, "comp-1", actor="li.na")
    letters = sent(d, event)
    assert "customer" not in letters
    assert letters["owner"] == "We offer you: voucher 0.00 CNY (0.00 CNY)"


@pytest.mark.parametrize("days", [0, 3])
def test_an_offer_with_something_in_it_is_told_to_the_customer(tmp_path: Path, days: int) -> None:
    """A voucher of 30, or an apology beside a voucher of 0.00, is an offer: its letter goes."""
    d = desk(tmp_path, apology=days == 0)
    case_id = intake(d)
    d.propose_compensation(case_id, {"days_late": days}, actor="li.na")
    d.offer_compensation(case_id, "comp-1", actor="li.na")
    expected = "voucher 30.00 CNY (30.00 CNY)" if days else "apology ()"
    assert sent(d, "compensation_offered")["customer"] == f"We offer you: {expected}"

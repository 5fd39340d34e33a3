"""A letter written as a case ends tells of no money the customer can no longer take: an
offer left unanswered lapses with its case (``model.compensation.standing``), and the Desk
refuses to answer it; money the customer accepted is still told of."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
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
ENDED = ("closed", "withdrawn", "rejected")


def _desk(folder: Path) -> Desk:
    letter = {"on": "transitioned", "notify": ["customer"], "via": "log", "template": "end"}
    policy = {
        "complaintkit": 1,
        "name": "letters",
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
        },
        "templates": {
            "end": {
                "en": {
                    "subject": "Ended",
                    "body": "[{case.compensation}|{case.compensation_total}]",
                }
            }
        },
        "notifications": {
            "default_language": "en",
            "notifiers": {"log": {"type": "log"}},
            "rules": [{**letter, "to": end, "notify": ["customer"]} for end in ENDED],
        },
    }
    path = folder / "policy.yaml"
    path.write_text(yaml.safe_dump(policy, allow_unicode=True), encoding="utf-8")
    clock = ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    return Desk(path, storage=SQLiteStorage(f"sqlite:///{folder}/c.db"), clock=clock)


def _end(desk: Desk, case_id: str, end: str) -> str:
    """The body of the letter the move ending the case sends."""
    if end == "closed":
        desk.transition(case_id, "investigating", actor="li.na")
        desk.resolve(case_id, "done", actor="li.na")
    assert isinstance(desk.clock, ManualClock)
    desk.clock.advance(timedelta(minutes=1))
    desk.transition(case_id, end, actor="li.na")
    deliveries = desk.storage.due_deliveries(desk.clock.now(), 1000)
    return str(deliveries[-1].outgoing.payload["body"])


@pytest.mark.parametrize("end", ENDED)
def test_an_offer_that_lapses_with_its_case_is_no_money_in_its_letter(
    tmp_path: Path, end: str
) -> None:
    desk = _desk(tmp_path)
    case = desk.intake(COMPLAINT)
    desk.propose_compensation(case.id, {"voucher": Money("80", "CNY")}, actor="li.na")
    desk.offer_compensation(case.id, "comp-1", actor="li.na")
    assert _end(desk, case.id, end) == "[|]"
    with pytest.raises(InvalidInput, match="comp-1"):  # as the Desk says: no one can take it
        desk.accept_compensation(case.id, "comp-1", actor="customer")


def test_money_accepted_before_the_case_ended_is_in_its_letter(tmp_path: Path) -> None:
    desk = _desk(tmp_path)
    case = desk.intake(COMPLAINT)
    desk.propose_compensation(case.id, {"voucher": Money("80", "CNY")}, actor="li.na")
    desk.offer_compensation(case.id, "comp-1", actor="li.na")
    desk.accept_compensation(case.id, "comp-1", actor="customer")
    desk.propose_compensation(case.id, {"voucher": Money("30", "CNY")}, actor="li.na")
    assert _end(desk, case.id, "closed") == "[voucher 80.00 CNY|80.00 CNY]"

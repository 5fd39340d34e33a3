"""A proposal that needs an approval only because of what its case already offers or gave
(a reopened case's second voucher of 100 beside an accepted 400, under ``above: 450``) is
refused when offered before the approval with that weighed total named: "totals 100.00
CNY" alone would leave staff wondering why 100 needs a role whose threshold is 450."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.storage.memory import MemoryStorage


def policy() -> dict[str, Any]:
    voucher = {"multiple": {"fact": "days"}, "of": {"fixed": 100}, "cap": 500}
    return {
        "complaintkit": 1,
        "name": "weighed",
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
        "compensation": {
            "currency": "CNY",
            "rules": [{"id": "late", "remedies": [{"kind": "voucher", "amount": voucher}]}],
            "approvals": [{"above": 450, "role": "supervisor"}],
        },
    }


def test_an_offer_awaiting_approval_for_the_case_total_names_that_total(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(policy()), encoding="utf-8")
    d = Desk(path, storage=MemoryStorage(), clock=ManualClock(datetime(2026, 11, 23, tzinfo=UTC)))
    case_id = d.intake(
        {
            "channel": "web",
            "external_id": "w-1",
            "received_at": "2026-11-23T00:00:00+00:00",
            "customer": {"id": "c-1"},
            "text": "late",
        }
    ).id
    d.transition(case_id, "investigating", actor="li.na")
    d.propose_compensation(case_id, {"days": 4}, actor="li.na")
    d.offer_compensation(case_id, "comp-1", actor="li.na")
    d.accept_compensation(case_id, "comp-1", actor="customer")
    d.resolve(case_id, "sent a voucher", actor="li.na")
    d.transition(case_id, "closed", actor="li.na")
    d.reopen(case_id, actor="li.na", reason="nine days late in the end")
    d.propose_compensation(case_id, {"days": 9}, actor="li.na")
    with pytest.raises(InvalidInput) as refused:
        d.offer_compensation(case_id, "comp-2", actor="li.na")
    message = str(refused.value)
    assert "totals 100.00 CNY" in message
    assert "(with what the case already offers or gave, 500.00 CNY)" in message

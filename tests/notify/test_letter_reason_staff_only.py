"""The reason an agent records with a step is for the case history, never the customer's
to read (docs/closing-the-loop.md): ``{event.reason}`` in a letter to the customer is empty,
while the owner and managers a rule names still read it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
NOON = datetime(2026, 12, 1, 4, 12, tzinfo=UTC)
TEMPLATE = (
    "  rejected_letter:\n"
    '    zh: {subject: "投诉 {case.id} 不予受理", body: "原因\\uff1a{event.reason}"}\n'
    '    en: {subject: "{case.id} rejected", body: "Reason: {event.reason}"}\n'
)
RULE = (
    '    - {"on": transitioned, to: rejected, notify: [customer, manager], via: log,'
    " template: rejected_letter}\n"
)


def test_a_staff_reason_never_reaches_the_customer(tmp_path: Path) -> None:
    text = RETAIL.read_text(encoding="utf-8")
    text = text.replace("\ntemplates:\n", "\ntemplates:\n" + TEMPLATE, 1)
    first_rule = '  rules:\n    - {"on": opened'
    text = text.replace(first_rule, first_rule.replace("  rules:\n", "  rules:\n" + RULE), 1)
    policy_file = tmp_path / "policy.yaml"
    policy_file.write_text(text, encoding="utf-8")
    desk = Desk(load_policy(policy_file), storage="memory:", clock=ManualClock(NOON))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "e-1",
            "received_at": NOON.isoformat(),
            "customer": {"id": "C-1", "contact": "wang@example.cn"},
            "text": "店员态度很差",
        }
    )
    desk.transition(case.id, "rejected", actor="li.na", reason="职业索赔人,勿理")
    letters = {
        d.outgoing.payload["role"]: d.outgoing.payload["body"]
        for d in desk.storage.deliveries(case_id=case.id)
        if d.outgoing.payload["event"] == "transitioned"
    }
    assert "勿理" not in letters["customer"]
    assert letters["customer"].startswith("原因")
    assert "职业索赔人,勿理" in letters["manager"]

# ruff: noqa: RUF001 -- Chinese complaint text uses full-width punctuation on purpose
"""Embedding complaintkit in a plain script: load a policy, take complaints in, move cases.

    python examples/script/embed.py [--db sqlite:///cases.db]

It runs the supermarket policy on an in-memory store (or the --db you give) with a manual
clock, so a day passes in a second: intake, first response, an SLA sweep that escalates
what nobody answered, and the compensation each case earns.
"""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from complaintkit import Desk
from complaintkit.clock import ManualClock
from complaintkit.policy.compiled import load_policy

POLICY = Path(__file__).resolve().parents[1].parent / "policies" / "retail" / "supermarket.yaml"
MORNING = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))

COMPLAINTS: list[dict[str, object]] = [
    {
        "external_id": "W-1",
        "text": "昨天买的牛奶变质了",
        "amount": {"amount": "12.50", "currency": "CNY"},
    },
    {"external_id": "W-2", "text": "收银员态度很差"},
    {"external_id": "W-3", "text": "送货上门晚了三个小时"},
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="memory:", help="storage URL (default: memory:)")
    args = parser.parse_args()

    clock = ManualClock(MORNING)
    desk = Desk(load_policy(POLICY), storage=args.db, clock=clock)
    cases = []
    for data in COMPLAINTS:
        case = desk.intake(
            {
                "channel": "web",
                "received_at": clock.now().isoformat(),
                "customer": {"id": "C-1"},
                **data,
            }
        )
        due = case.clocks.metrics["first_response"].due_at  # an aware datetime
        answer = due.isoformat() if due is not None else "-"
        print(f"{case.id}: {case.category}/{case.priority} → {case.owner}; answer by {answer}")
        cases.append(case)

    clock.advance(timedelta(minutes=30))
    desk.respond(cases[1].id, "您好，门店经理会在今天联系您", actor="amy.store")
    print(f"{cases[1].id}: answered, now {desk.get(cases[1].id).status.value}")

    clock.advance(timedelta(hours=3))  # nobody answered the milk complaint in 2 hours
    report = desk.tick(clock.now())
    print(f"sweep at +3.5h: {report.escalations} escalation(s), {report.breaches} breach(es)")
    milk = desk.get(cases[0].id)
    print(f"{milk.id}: escalation level {milk.escalation_level}, tags {list(milk.tags)}")

    # quality found the milk unsafe: 食品安全法 148's damages follow that finding
    findings: dict[str, dict[str, object]] = {cases[0].id: {"unsafe_food": True}}
    for case in cases:
        decision = desk.decide_compensation(case.id, findings.get(case.id))
        remedies = ", ".join(r.kind for r in decision.remedies)
        print(f"{case.id}: earns {decision.total} ({remedies})")
    desk.storage.close()


if __name__ == "__main__":
    main()

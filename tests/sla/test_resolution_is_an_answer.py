"""A case resolved before any response was still answered: the customer was told the
resolution (the closing letter, the status page), so its first-response clock stops there
and no later sweep breaches it, tags it unanswered or hands it to a supervisor."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk

SHOP = Path(__file__).resolve().parents[2] / "policies" / "ecommerce" / "online-shop.yaml"
START = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


def test_a_case_resolved_without_a_response_is_not_breached_later() -> None:
    clock = ManualClock(START)
    desk = Desk(SHOP, storage="memory:", clock=clock)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "x1",
            "received_at": START.isoformat(),
            "customer": {"id": "C-1", "contact": "wang@example.com"},
            "text": "快递丢了 订单号 A1 我要退款",
            "order_id": "A1",
        }
    )
    clock.advance(timedelta(hours=1))
    desk.transition(case.id, "investigating", actor="li.na")
    desk.resolve(case.id, "已退款", actor="li.na")
    clock.advance(timedelta(days=2))
    report = desk.tick()
    after = desk.get(case.id)
    assert report.breaches == 0
    assert after.clocks.metrics["first_response"].breached_at is None
    assert after.clocks.metrics["first_response"].met_at == START + timedelta(hours=1)
    assert "unanswered" not in after.tags
    assert after.owner != "zhou.zhuguan"

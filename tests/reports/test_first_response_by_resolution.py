"""A case resolved before any reply was answered by its resolution: the first-response SLA
clock stops there, so the case's ``first_response_at`` and the report's first-response
times count it too, on every backend, and its status page says when it was answered.
A gate asking for a first response before ``resolved`` still asks for a real reply."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import StepsMissing
from complaintkit.model.history import replay
from complaintkit.reports import build_report, open_source

SHOP = Path(__file__).resolve().parents[2] / "policies" / "ecommerce" / "online-shop.yaml"
START = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


def _complaint(key: str) -> dict[str, object]:
    return {
        "channel": "web",
        "external_id": key,
        "received_at": START.isoformat(),
        "customer": {"id": f"C-{key}", "contact": "wang@example.com"},
        "text": "快递丢了 订单号 A1 我要退款",
        "order_id": "A1",
    }


@pytest.mark.parametrize("storage", ["memory:", "sqlite"])
def test_a_resolution_without_a_reply_is_the_first_response(storage: str, tmp_path: Path) -> None:
    clock = ManualClock(START)
    url = f"sqlite:///{tmp_path / 'cases.db'}" if storage == "sqlite" else storage
    desk = Desk(SHOP, storage=url, clock=clock)
    case = desk.intake(_complaint("x1"))
    clock.advance(timedelta(hours=1))
    desk.transition(case.id, "investigating", actor="li.na")
    clock.advance(timedelta(hours=2))
    desk.resolve(case.id, "已退款", actor="li.na")
    resolved = desk.get(case.id)
    met = resolved.clocks.metrics["first_response"].met_at
    assert met == START + timedelta(hours=3)
    assert resolved.first_response_at == met
    assert replay(desk.history(case.id)).to_json() == resolved.to_json()
    report = build_report(open_source(desk.storage), now=clock.now())
    first = report.durations["first_response"]
    assert first.count == 1
    assert first.p50 == pytest.approx(3 * 3600)
    # the moves after it do not move the first answer
    clock.advance(timedelta(hours=1))
    desk.follow_up(case.id, 5, actor="li.na")
    desk.close(case.id, actor="li.na")
    assert desk.get(case.id).first_response_at == met


def test_a_reply_before_the_resolution_stays_the_first_response() -> None:
    clock = ManualClock(START)
    desk = Desk(SHOP, storage="memory:", clock=clock)
    case = desk.intake(_complaint("x2"))
    clock.advance(timedelta(hours=1))
    desk.respond(case.id, "我们正在核实", actor="li.na")
    clock.advance(timedelta(hours=5))
    desk.transition(case.id, "investigating", actor="li.na")
    desk.resolve(case.id, "已退款", actor="li.na")
    assert desk.get(case.id).first_response_at == START + timedelta(hours=1)


def test_a_gate_asking_a_reply_before_resolving_is_not_met_by_the_resolution(
    tmp_path: Path,
) -> None:
    text = SHOP.read_text(encoding="utf-8")
    gated = tmp_path / "gated.yaml"
    gate = "gates:\n  - id: answer-first\n    to: [resolved]\n    require: [first_response]\n"
    gated.write_text(text.replace("gates:\n", gate, 1), encoding="utf-8")
    clock = ManualClock(START)
    desk = Desk(gated, storage="memory:", clock=clock)
    case = desk.intake(_complaint("x3"))
    desk.transition(case.id, "investigating", actor="li.na")
    with pytest.raises(StepsMissing):
        desk.resolve(case.id, "已退款", actor="li.na")
    assert desk.get(case.id).first_response_at is None
    desk.respond(case.id, "我们正在核实", actor="li.na")
    desk.resolve(case.id, "已退款", actor="li.na")


def test_a_history_import_resolved_without_a_reply_was_answered_then() -> None:
    desk = Desk(SHOP, storage="memory:", clock=ManualClock(START + timedelta(days=30)))
    resolved = START + timedelta(hours=5)
    record = {
        **_complaint("x4"),
        "history": {"status": "closed", "resolved_at": resolved.isoformat()},
    }
    case = desk.intake(record)
    assert case.first_response_at == resolved
    assert replay(desk.history(case.id)).to_json() == desk.get(case.id).to_json()

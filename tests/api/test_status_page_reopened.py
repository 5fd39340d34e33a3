"""A reopened case whose policy promises a new first answer shows that promise on its
status page, as its JSON does, not only 'answered' at the first cycle's answer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from complaintkit.api.app import create_app
from complaintkit.api.wording import plain_time
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.server import running_server

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
NOON = datetime(2026, 12, 1, 4, 12, tzinfo=UTC)  # 12:12 in Shanghai


def test_a_reopened_case_shows_its_new_first_answer_promise(tmp_path: Path) -> None:
    clock = ManualClock(NOON)
    desk = Desk(load_policy(RETAIL), storage=f"sqlite:///{tmp_path / 'c.db'}", clock=clock)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "e-1",
            "received_at": NOON.isoformat(),
            "customer": {"id": "C-1", "contact": "wang@example.com"},
            "text": "店员态度很差",
        }
    )
    clock.advance(timedelta(hours=1))
    desk.respond(case.id, "非常抱歉,我们马上核查。", actor="li.na")
    desk.resolve(case.id, "已向您致歉并培训店员", actor="li.na")
    desk.follow_up(case.id, 4, actor="li.na")
    desk.close(case.id, actor="li.na")
    clock.advance(timedelta(days=10))
    desk.reopen(case.id, actor="li.na", reason="顾客来电说店员仍然如此")
    reopened_at = clock.now()
    url = f"/status/{case.status_token}?lang=zh"
    with running_server(create_app(desk)) as base, httpx.Client(base_url=base) as client:
        view = client.get(url, headers={"Accept": "application/json"}).json()
        reopened = client.get(url, headers={"Accept": "text/html"}).text
        clock.advance(timedelta(minutes=30))
        desk.respond(case.id, "我们再次核查。", actor="li.na")
        answered = client.get(url, headers={"Accept": "text/html"}).text
    due = datetime.fromisoformat(view["promised"]["first_response"])
    assert due > reopened_at  # a promise of the new cycle
    assert f'<span id="first-due">{plain_time(due, desk.zone, reopened_at, "zh")}<' in reopened
    assert 'id="first-due"' not in answered
